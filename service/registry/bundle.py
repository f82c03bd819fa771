"""The registry's interchange format (JSON, XLSX, CSV and the demo all use it).

A *bundle* is a dict of sections (``agencies``, ``duties``, …), each a list of rows shaped
like the GraphQL inputs plus bookkeeping (version, timestamps, archived) and, for requests,
their ``history``. Import validates every row, reports every problem with its sheet, row and
column, and writes nothing unless all rows are good, then writes everything in one statement.
"""

from __future__ import annotations

import asyncio
import gc
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any, cast

from pydantic import BaseModel, ValidationError

from service.domain.actor import Actor
from service.domain.enums import RequestStatus
from service.domain.workflow import allowed
from service.errors import from_validation
from service.registry.audit import audit_event
from service.registry.clock import new_id, now_iso
from service.registry.repository import Repository
from service.registry.specs import SPECS, EntitySpec
from service.storage.port import GraphStore
from service.text.jalali import DateError, parse_date, stored_day
from service.text.persian import search_text, search_words

SECTIONS: dict[str, EntitySpec] = {
    "agencies": SPECS["agency"], "duties": SPECS["duty"], "capacities": SPECS["capacity"],
    "needs": SPECS["need"], "issues": SPECS["issue"], "exchanges": SPECS["exchange"],
    "requests": SPECS["request"], "workingGroups": SPECS["working_group"],
}  # fmt: skip
META = ("version", "createdAt", "updatedAt", "archived", "archivedAt")
EXTRA = {"requests": ("history", "status")}
# relation field -> the section whose ids it must name (aboutId: any of several)
REFS: dict[str, tuple[str, ...]] = {
    "parentId": ("agencies",), "agencyId": ("agencies",), "supportAgencyIds": ("agencies",),
    "raisedById": ("agencies",), "concernsIds": ("agencies",), "blocksDutyId": ("duties",),
    "providerId": ("agencies",), "receiverId": ("agencies",), "dutyId": ("duties",),
    "senderId": ("agencies",), "aboutId": ("capacities", "needs", "issues", "duties"),
    "members": ("agencies",), "dutyIds": ("duties",),
}  # fmt: skip
Progress = Callable[[str, int, int], None]  # (list name, rows done so far, rows in all): the CLI's and the jobs'
EDGES = ("partOf", "hasDuty", "offers", "needsOf", "raised", "concerns", "blocks", "gave", "givenTo",
         "serves", "sent", "addressedTo", "memberOf", "coordinates", "about")  # fmt: skip


@dataclass
class Problem:
    sheet: str
    row: int
    column: str | None
    reason: str
    reason_fa: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "reason": self.reason, "reasonFa": self.reason_fa}


@dataclass
class Prepared:
    """Statement parameters for ``registry/import`` plus what was found wrong."""

    params: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return cast(list[str], [v["agencyId"] if isinstance(v, dict) else getattr(v, "agencyId", v) for v in value])
    return [value]


def _row_number(row: dict[str, Any], index: int) -> int:
    number = row.get("_row")
    return number if type(number) is int else index + 1


def _meta_problems(section: str, number: int, raw: dict[str, Any]) -> list[Problem]:
    """The bookkeeping columns an export carries back (version, timestamps, archived, history) are
    written as given, so they are checked here as strictly as the fields pydantic checks."""
    out = []
    version = raw.get("version")
    if version is not None and (type(version) is not int or version < 1):
        out.append(Problem(section, number, "version", "version must be a whole number from 1", "نسخه باید عدد صحیح از ۱ باشد"))
    for name in ("createdAt", "updatedAt", "archivedAt"):
        value = raw.get(name)
        if value is not None and (not isinstance(value, str) or stored_day(value) is None):
            out.append(Problem(section, number, name, f"{name} must be an ISO date-time", "زمان باید به قالب ISO باشد"))
    if raw.get("archived") is not None and not isinstance(raw["archived"], bool):
        out.append(Problem(section, number, "archived", "archived must be true or false", "بایگانی باید true یا false باشد"))
    history = raw.get("history")
    if history is not None and (not isinstance(history, list) or not all(isinstance(s, dict) for s in history)):
        out.append(Problem(section, number, "history", "history must be a list of steps (objects)", "تاریخچه باید فهرستی از گام‌ها باشد"))
    return out


def _validate_rows(section: str, rows: list[dict[str, Any]], prepared: Prepared,
                   progress: Callable[[int], None] | None = None) -> list[tuple[int, dict[str, Any], Any]]:  # fmt: skip
    """The rows pydantic accepts, as (row number, raw row, the section's model); ``progress`` every 1,000."""
    spec = SECTIONS[section]
    good = []
    for index, raw in enumerate(rows):
        if progress is not None and index % 1000 == 0:
            progress(index)
        number = _row_number(raw, index)
        meta = _meta_problems(section, number, raw)
        if meta:
            prepared.problems.extend(meta)
            continue
        data = {k: v for k, v in raw.items() if k not in META and k not in EXTRA.get(section, ()) and k != "_row"}
        try:
            model = spec.create_model.model_validate(data)
        except ValidationError as exc:
            for p in from_validation(exc).details:
                prepared.problems.append(Problem(section, number, p["field"], p["messageEn"], p["messageFa"]))
            continue
        good.append((number, raw, model))
    return good


def _ref_fields(section: str) -> tuple[str, ...]:
    """The reference fields a section's rows carry (reading absent ones off a pydantic model is slow)."""
    model = SECTIONS[section].create_model
    return tuple(f for f in REFS if f in model.model_fields)


async def existing_ids(store: GraphStore, ids: dict[str, list[str]]) -> dict[str, set[str]]:
    """Of the given ids per section, those the store already holds (one statement, ids only)."""
    rows = await store.read("registry/existing", {s: ids.get(s, []) for s in SECTIONS})
    row = rows[0] if rows else {}
    return {s: set(row.get(s) or []) for s in SECTIONS}


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Building a big bundle makes hundreds of thousands of small objects and no cycles: the cyclic
    collector would walk them again and again for nothing (a fifth of the time at city scale)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


async def prepare(store: GraphStore, bundle: dict[str, list[dict[str, Any]]], limits: Any = None,
                  progress: Progress | None = None) -> Prepared:  # fmt: skip
    """Validate a bundle against itself and the store; build the import parameters.

    ``progress`` is told every 1,000 rows checked (from the worker thread that checks them)."""
    with _gc_paused():
        return await _prepare(store, bundle, limits, progress)


Validated = dict[str, list[tuple[int, dict[str, Any], Any]]]  # Any: each section's own model


def _tell(progress: Progress, section: str, before: int, total: int, done: int) -> None:
    progress(section, before + done, total)


async def _prepare(store: GraphStore, bundle: dict[str, list[dict[str, Any]]], limits: Any = None,
                   progress: Progress | None = None) -> Prepared:  # fmt: skip
    prepared = Prepared()
    # the CPU-bound steps (every row through pydantic, then the statement's parameters) run on a worker
    # thread: on the event loop, a 100k-row import held every other request (/healthz 12 s)
    validated, refs, ids = await asyncio.to_thread(_check_rows, bundle, prepared, progress)
    if limits is not None:
        limits.check_time()
    await _check_against_store(store, validated, refs, ids, prepared)
    if prepared.problems:
        return prepared
    await asyncio.to_thread(_build, validated, prepared)
    return prepared


def _check_rows(bundle: dict[str, list[dict[str, Any]]], prepared: Prepared, progress: Progress | None = None
                ) -> tuple[Validated, dict[str, list[tuple[int, str, str]]], dict[str, set[str]]]:  # fmt: skip
    """Every row validated, ids given and checked for repeats, references to outside the bundle listed."""
    unknown = set(bundle) - set(SECTIONS)
    for name in sorted(unknown):
        prepared.problems.append(Problem(name, 0, None, f"unknown sheet {name!r}", "برگهٔ ناشناخته"))
    total = sum(len(bundle.get(s) or []) for s in SECTIONS)
    validated: Validated = {}
    done = 0
    for section in SECTIONS:
        given = bundle.get(section) or []
        tell = None if progress is None else partial(_tell, progress, section, done, total)
        validated[section] = _validate_rows(section, given, prepared, tell)
        done += len(given)
        if progress is not None:
            progress(section, done, total)

    # ids: new ones where missing, no duplicates within the bundle
    ids: dict[str, set[str]] = {s: set() for s in SECTIONS}
    for section, rows in validated.items():
        spec = SECTIONS[section]
        for number, _, model in rows:
            ident = model.__dict__.get("id") or new_id(spec.prefix)
            model.id = ident
            if ident in ids[section]:
                prepared.problems.append(Problem(section, number, "id", f"id {ident!r} appears twice", "شناسهٔ تکراری"))
            ids[section].add(ident)

    # references: to rows of the bundle, or to records already stored (asked below, with the ids)
    refs: dict[str, list[tuple[int, str, str]]] = {}  # section -> (row, field, id) not found in the bundle
    for section, rows in validated.items():
        fields = _ref_fields(section)
        missing = refs.setdefault(section, [])
        for number, _, model in rows:
            values = model.__dict__
            for fld in fields:
                for ref in _as_list(values.get(fld)):
                    if not any(ref in ids[t] for t in REFS[fld]):
                        missing.append((number, fld, ref))
    return validated, refs, ids


async def _check_against_store(store: GraphStore, validated: Validated, refs: dict[str, list[tuple[int, str, str]]],
                               ids: dict[str, set[str]], prepared: Prepared) -> None:  # fmt: skip
    """Ids already taken, references to nothing, exchanges serving another agency's duty."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for missing in refs.values():
        for _, fld, ref in missing:
            for t in REFS[fld]:
                wanted[t].add(ref)
    # one ids-only statement answers both: which new ids are taken, which references exist
    asked = {s: sorted(ids[s] | wanted.get(s, set())) for s in SECTIONS}
    stored = await existing_ids(store, asked) if any(asked.values()) else {s: set() for s in SECTIONS}
    for section, rows in validated.items():
        taken = stored[section] & ids[section]
        for number, _, model in rows:
            if model.id in taken:
                prepared.problems.append(
                    Problem(section, number, "id", f"{model.id!r} is already in the registry", "این شناسه از پیش ثبت شده است")
                )
    for section, missing in refs.items():
        for number, fld, ref in missing:
            if not any(ref in stored[t] for t in REFS[fld]):
                prepared.problems.append(Problem(section, number, fld, f"{ref!r} does not exist", f"«{ref}» وجود ندارد"))

    await _no_requests_to_stakeholders(store, validated, ids, prepared)
    duty_agencies = {m.id: {m.agencyId, *m.supportAgencyIds} for _, _, m in validated["duties"]}
    stored_duties = {m.dutyId for _, _, m in validated["exchanges"] if m.dutyId and m.dutyId not in duty_agencies}
    if stored_duties:
        holders = await store.read("duty/holders", {"ids": sorted(stored_duties)})
        duty_agencies |= {r["id"]: set(r["agencyIds"]) for r in holders}
    for number, _, m in validated["exchanges"]:
        if m.dutyId and m.dutyId in duty_agencies and m.providerId not in duty_agencies[m.dutyId]:
            prepared.problems.append(
                Problem("exchanges", number, "dutyId", "the duty is not one of the provider's", "این وظیفه از آنِ دستگاه ارائه‌دهنده نیست")
            )


async def _no_requests_to_stakeholders(store: GraphStore, validated: Validated, ids: dict[str, set[str]],
                                       prepared: Prepared) -> None:  # fmt: skip
    """A request addressed to a legacy stakeholder-group agency (in the file or stored) is refused (#19.3)."""
    groups = {m.id for _, _, m in validated["agencies"] if m.kind == "stakeholder_group"}
    outside = sorted({m.receiverId for _, _, m in validated["requests"]} - ids["agencies"])
    if outside:
        groups |= {r["id"] for r in await store.read("agency/stakeholder_groups", {"ids": outside})}
    for number, _, m in validated["requests"]:
        if m.receiverId in groups:
            prepared.problems.append(Problem("requests", number, "receiverId", "a stakeholder group cannot receive a request",
                                             "گروه ذی‌نفع دستگاه نیست و درخواست دریافت نمی‌کند"))  # fmt: skip


def _props(section: str, raw: dict[str, Any], model: BaseModel, now: str) -> dict[str, Any]:
    spec = SECTIONS[section]
    data = model.model_dump()
    props = {k: v for k, v in data.items() if v is not None and k not in spec.relations and k != "id"}
    props["search"] = search_text(*(data.get(f) for f in spec.search_fields))
    props["words"] = search_words(*(data.get(f) for f in spec.search_fields))
    props.update(version=1, createdAt=now, updatedAt=now, archived=False)
    props.update({k: raw[k] for k in META if raw.get(k) is not None})
    return props


def _history(number: int, raw: dict[str, Any], request_id: str, prepared: Prepared, now: str) -> str:
    """Steps of a request's history, checked against the workflow; returns the final status."""
    status = RequestStatus.SUBMITTED
    for step in raw.get("history") or []:
        to_value = step.get("toStatus") or step.get("to")
        try:
            target = RequestStatus(to_value)
        except ValueError:
            prepared.problems.append(Problem("requests", number, "history", f"unknown status {to_value!r}", "وضعیت ناشناخته"))
            return status.value
        if allowed(status, target) is None:
            prepared.problems.append(
                Problem("requests", number, "history", f"{status.value} cannot become {target.value}", "گام نامجاز در گردش کار")
            )
            return status.value
        when = step.get("at") or step.get("on")
        try:
            if when is not None and (not isinstance(when, str) or (stored_day(when) is None and "T" in when)):
                raise DateError(f"not a date: {when!r}")
            at = when if when and "T" in when else parse_date(when).isoformat() + "T00:00:00.000+00:00" if when else now
        except DateError as exc:
            prepared.problems.append(Problem("requests", number, "history", str(exc), "تاریخ نادرست"))
            return status.value
        props = {"fromStatus": status.value, "toStatus": target.value, "at": at, "by": step.get("by") or "import",
                 "byAgencyId": step.get("byAgencyId"), "comment": step.get("comment")}  # fmt: skip
        prepared.params["steps"].append(
            {"requestId": request_id, "id": step.get("id") or new_id("st"), "props": {k: v for k, v in props.items() if v is not None}}
        )
        status = target
    return status.value


def _build(validated: dict[str, list[tuple[int, dict[str, Any], BaseModel]]], prepared: Prepared) -> None:
    now = now_iso()
    p = prepared.params
    for section, rows in validated.items():
        prepared.counts[section] = len(rows)
        for number, raw, model in rows:
            m: Any = model
            props = _props(section, raw, model, now)
            if section == "requests":
                props["status"] = _history(number, raw, m.id, prepared, now)
            p[section].append({"id": m.id, "props": props})
            edge = lambda name, a, b, **extra: p[name].append({"fromId": a, "toId": b, **extra})  # noqa: E731
            if section == "agencies" and m.parentId:
                edge("partOf", m.id, m.parentId)
            elif section == "duties":
                edge("hasDuty", m.agencyId, m.id, role="lead")
                for s in m.supportAgencyIds:
                    edge("hasDuty", s, m.id, role="support")
            elif section == "capacities":
                edge("offers", m.agencyId, m.id)
            elif section == "needs":
                edge("needsOf", m.agencyId, m.id)
            elif section == "issues":
                edge("raised", m.raisedById, m.id)
                for c in m.concernsIds:
                    edge("concerns", m.id, c)
                if m.blocksDutyId:
                    edge("blocks", m.id, m.blocksDutyId)
            elif section == "exchanges":
                edge("gave", m.providerId, m.id)
                edge("givenTo", m.id, m.receiverId)
                if m.dutyId:
                    edge("serves", m.id, m.dutyId)
            elif section == "requests":
                edge("sent", m.senderId, m.id)
                edge("addressedTo", m.id, m.receiverId)
                if m.aboutId:
                    edge("about", m.id, m.aboutId)
            elif section == "workingGroups":
                for member in m.members:
                    edge("memberOf", member.agencyId, m.id, role=member.role)
                for d in m.dutyIds:
                    edge("coordinates", m.id, d)


def import_params(prepared: Prepared) -> dict[str, list[dict[str, Any]]]:
    """Every parameter the import statement names, empty lists included."""
    return {name: list(prepared.params.get(name, [])) for name in (*SECTIONS, "steps", *EDGES)}


async def import_bundle(store: GraphStore, bundle: dict[str, list[dict[str, Any]]], actor: Actor | None = None,
                        limits: Any = None) -> Prepared:  # fmt: skip
    """Validate, then write all of it in one statement (with its audit event), or nothing when any row is bad.

    ``limits`` (``service.io.workbook.ImportLimits``): its time cap also bounds the checking."""
    prepared = await prepare(store, bundle, limits)
    if not prepared.problems:
        audit = audit_event(actor, "import", "Registry", "import", None, {"counts": prepared.counts})
        await store.write("registry/import", {**import_params(prepared), "audit": audit})
    return prepared


def _canonical(row: dict[str, Any]) -> dict[str, Any]:
    """Drop empty fields and sort id lists: the store keeps no order for related ids."""
    out = {k: v for k, v in row.items() if v is not None}
    for key in ("supportAgencyIds", "concernsIds", "dutyIds"):
        if key in out:
            out[key] = sorted(out[key])
    if "members" in out:
        out["members"] = sorted(out["members"], key=lambda m: m["agencyId"])
    return out


async def export_bundle(store: GraphStore) -> dict[str, list[dict[str, Any]]]:
    """The whole registry, archived records included, in the import shape."""
    repo = Repository(store)
    bundle: dict[str, list[dict[str, Any]]] = {}
    for section, spec in SECTIONS.items():
        rows = await repo.page(spec, filters={}, include_archived=True, sort="created", skip=0, limit=10**9)
        bundle[section] = [_canonical(r) for r in rows]
    ids = [r["id"] for r in bundle["requests"]]
    steps = await store.read("request/steps", {"ids": ids}) if ids else []
    history: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in steps:
        history[s["key"]].append({k: v for k, v in s["node"].items() if v is not None})
    for r in bundle["requests"]:
        r["history"] = history.get(r["id"], [])
    return bundle
