"""Generic create / read / list / update / archive over the storage port, for every entity.

The access policy lives here, beneath GraphQL, the portal and the REST routes: a Repository made
for a reader (``actor``) restricts every list, count, aggregate, lookup and traversal it serves to
what that reader may read, and a record it may not read is answered exactly like a missing one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from service.auth.policy import DEFAULT_SHARED, PARTIES, View
from service.domain.actor import Actor
from service.errors import ServiceError, not_found, version_conflict
from service.registry import compose, fulltext
from service.registry.audit import audit_event
from service.registry.clock import new_id, now_iso, today_iso
from service.registry.events import Event, EventHub
from service.registry.fields import GROUPS, NUMBERS
from service.registry.links import check_agreement_link
from service.registry.specs import AGENCY, DUTY, PLAN, REQUEST, SPECS, EntitySpec
from service.storage import errors as store_errors
from service.storage.port import GraphStore, Row
from service.text.jalali import jalali_year
from service.text.persian import search_key, search_text, search_words

HIDDEN = ("search", "words")  # the search key (CONTAINS) and the words the full-text index holds
# Which entity a relation field points at, to say which reference was missing.
REFERENCES: dict[str, tuple[EntitySpec, ...]] = {
    "parentId": (AGENCY,), "agencyId": (AGENCY,), "supportAgencyIds": (AGENCY,),
    "raisedById": (AGENCY,), "concernsIds": (AGENCY,), "providerId": (AGENCY,),
    "receiverId": (AGENCY,), "senderId": (AGENCY,), "members": (AGENCY,),
    "blocksDutyId": (DUTY,), "dutyId": (DUTY,), "dutyIds": (DUTY,),
    "aboutId": (SPECS["capacity"], SPECS["need"], SPECS["issue"], DUTY),
    "ownerIds": (AGENCY,), "planId": (PLAN,),
    "providerIds": (AGENCY,), "receiverIds": (AGENCY,),
}  # fmt: skip
INITIAL: dict[str, dict[str, Any]] = {"request": {"status": "submitted"}}
# the kind of record a traversal statement returns, where its folder does not say it
RETURNS: dict[str, str] = {"request/steps": "transition", "agreement/steps": "agreement_step", "agreement/history": "transition",
                         "commitment/steps": "commitment_step"}  # fmt: skip


def public(row: Row) -> Row:
    """A stored node without the fields only the store needs."""
    return {k: v for k, v in row.items() if k not in HIDDEN}


def returns(query: str) -> str:
    """The entity kind a ``key, node`` statement returns (the policy's key for its rows)."""
    return RETURNS.get(query, query.split("/")[0])


def input_hash(operation: str, data: BaseModel, extra: Mapping[str, Any] | None) -> str:
    """What an idempotency key remembers of its request: the operation and its validated input."""
    payload = {"operation": operation, "input": data.model_dump(mode="json"), "extra": dict(extra or {})}
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def idempotency_mismatch(key: str) -> ServiceError:
    return ServiceError(
        "IDEMPOTENCY_MISMATCH",
        f"the idempotency key {key!r} was already used with a different input; use a new key for a new record",
        f"کلید تکرارناپذیری «{key}» پیش‌تر با ورودی دیگری به کار رفته است؛ برای رکورد تازه کلید تازه بفرستید",
        field="idempotencyKey", status=422,
    )  # fmt: skip


def _fold(into: Row | None, row: Row, name: str) -> Row:
    """Add one statement row's sum/min/max/count of ``name`` to a group's."""
    n, total, low, high = int(row[f"{name}_n"] or 0), row[f"{name}_sum"], row[f"{name}_min"], row[f"{name}_max"]
    if into is None:
        return {"n": n, "sum": total if n else None, "min": low, "max": high}
    if n:
        into["sum"] = (into["sum"] or 0) + total
        into["min"] = low if into["min"] is None else min(into["min"], low)
        into["max"] = high if into["max"] is None else max(into["max"], high)
        into["n"] += n
    return into


def _ids(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [v["agencyId"] if isinstance(v, dict) else v for v in value]
    return [value]


class Repository:
    """The registry's reads and writes; every statement is a named file under ``cypher/``."""

    def __init__(self, store: GraphStore, actor: Actor | None = None, shared: frozenset[str] = DEFAULT_SHARED,
                 events: EventHub | None = None) -> None:  # fmt: skip
        """``actor`` is the reader whose view every read is restricted to (None: the service
        itself, which sees everything); ``shared`` the kinds every agency reads; ``events`` the
        app's hub (``app.state.events``) that ``publish`` tells, None where nobody listens."""
        self.store = store
        self.actor = actor
        self.view = View(actor, shared)
        self.events = events
        self._hits: dict[tuple[str, str, bool], list[str] | None] = {}  # full-text answers, per list and q

    def publish(self, event: Event) -> None:
        """The writers' one way to tell subscribers: call it after the write succeeded."""
        if self.events is not None:
            self.events.publish(event)

    async def get_many(self, spec: EntitySpec, ids: list[str]) -> dict[str, Row]:
        """The records with these ids that the reader may read (the others are simply absent)."""
        return self._readable(spec, await self.store.read(f"{spec.key}/get", {"ids": list(ids)}))

    def _readable(self, spec: EntitySpec, rows: list[Row]) -> dict[str, Row]:
        found = (public(r["node"]) for r in rows)
        return {row["id"]: row for row in found if self.view.readable(spec.key, row)}

    async def with_lists(self, spec: EntitySpec, ident: str,
                         lists: Sequence[tuple[str, str, list[str]]]) -> tuple[Row | None, list[list[Row]]]:  # fmt: skip
        """A record (as ``get_many``) and the ``*_fields`` twins (as ``related_fields``) of some of its
        traversals, given as (query, statement, fields): every statement sent at once, one round trip
        (``read_many``), where the record and then its lists were two. None and no lists for a record
        missing or unreadable alike."""
        for query, statement, _ in lists:
            if self.view.restricted(returns(query)):
                raise ValueError(f"{statement} cannot be read for a restricted reader")
        replies = await self.store.read_many([(f"{spec.key}/get", {"ids": [ident]}),
                                              *((statement, {"ids": [ident], "includeArchived": False, "fields": fields})
                                                for _, statement, fields in lists)])  # fmt: skip
        row = self._readable(spec, replies[0]).get(ident)
        return (row, replies[1:]) if row is not None else (None, [])

    async def get(self, spec: EntitySpec, ident: str, field: str = "id") -> Row:
        """One record; NOT_FOUND when it is missing or the reader may not read it (the same answer)."""
        found = await self.get_many(spec, [ident])
        if ident not in found:
            raise not_found(spec.label, ident, field)
        return found[ident]

    async def related(self, query: str, ids: list[str]) -> list[Row]:
        """The rows (``key``, ``node``, extra columns) of a traversal statement, batched by ``ids``,
        without the records the reader may not read."""
        kind = returns(query)
        rows = await self.store.read(query, {"ids": list(ids), "includeArchived": False})
        kept = []
        for row in rows:
            node = public(row["node"]) | {k: v for k, v in row.items() if k not in ("key", "node")}
            if self.view.readable(kind, node):
                kept.append({"key": row["key"], "node": node})
        return kept

    async def related_fields(self, query: str, statement: str, ids: list[str], fields: list[str]) -> list[Row]:
        """The ``*_fields`` twin of traversal ``query``: only for a reader the policy does not
        restrict on its kind, since the twin lacks the joined fields the party check needs."""
        if self.view.restricted(returns(query)):
            raise ValueError(f"{statement} cannot be read for a restricted reader")
        return await self.store.read(statement, {"ids": list(ids), "includeArchived": False, "fields": fields})

    async def status_counts(self, key: str) -> list[Row]:
        """Live records of a kind per status, over what the reader may read."""
        return await self.store.read(f"{key}/status_counts", {"viewerId": self.view.viewer(key)})

    async def exchange_totals_by_day(self) -> list[Row]:
        """Exchange counts and amounts per kind and day, over the exchanges the reader may read."""
        return await self.store.read("exchange/totals_by_day", {"viewerId": self.view.viewer("exchange")})

    async def steps(self, request_ids: list[str]) -> dict[str, list[Row]]:
        """The workflow history of each request the reader may read."""
        readable = await self.get_many(REQUEST, request_ids)
        if not readable:
            return {}
        grouped: dict[str, list[Row]] = {}
        for row in await self.store.read("request/steps", {"ids": sorted(readable)}):
            grouped.setdefault(row["key"], []).append(row["node"])
        return grouped

    def _list_params(self, spec: EntitySpec, filters: Mapping[str, Any], q: str | None,
                     include_archived: bool, sort: str, desc: bool) -> dict[str, Any]:  # fmt: skip
        params: dict[str, Any] = {name: filters.get(name) for name in spec.filters}
        if "viewerId" in spec.filters:  # the policy's, whatever the caller passed
            params["viewerId"] = self.view.viewer(spec.key)
        params.update(
            q=search_key(q) or None,
            includeArchived=include_archived,
            sort=sort if sort in spec.sorts else "created",
            desc=desc,
        )
        return params

    async def _ranked(self, spec: EntitySpec, filters: Mapping[str, Any], q: str | None,
                      include_archived: bool, sort: str) -> list[str] | None:  # fmt: skip
        """The full-text hits for ``q``, best first, when the index answers this list: ``q`` alone
        (no other filter) ordered by ``rank``; None sends the list to CONTAINS (fulltext.py says
        where). Kept for the request, so a page and its count ask the index once."""
        if not q or sort != fulltext.RANK or any(v not in (None, False) for v in filters.values()):
            return None
        key = (spec.key, q, include_archived)
        if key not in self._hits:
            self._hits[key] = await fulltext.hits(self.store, spec, q, include_archived)
        return self._hits[key]

    async def _readable_hits(self, spec: EntitySpec, ids: list[str]) -> list[Row]:
        """The hits this reader may read, in rank order (the policy as for lookups)."""
        found = await self.get_many(spec, ids)
        return [found[i] for i in ids if i in found]

    async def page(self, spec: EntitySpec, *, filters: Mapping[str, Any], q: str | None = None,
                   include_archived: bool = False, sort: str = "created", desc: bool = False,
                   skip: int = 0, limit: int = 20) -> list[Row]:  # fmt: skip
        """One page; ``sort="rank"`` with ``q`` alone: the full-text index's best matches first."""
        ranked = await self._ranked(spec, filters, q, include_archived, sort)
        if ranked is not None:
            if not self.view.restricted(spec.key):
                return await self._readable_hits(spec, ranked[skip : skip + limit])
            return (await self._readable_hits(spec, ranked))[skip : skip + limit]
        params = self._list_params(spec, filters, q, include_archived, sort, desc)
        rows = await self.store.read(f"{spec.key}/list", params | {"skip": skip, "limit": limit})
        found = (public(r["node"]) for r in rows)
        return [row for row in found if self.view.readable(spec.key, row)]  # the statement did it; this keeps it so

    async def count(self, spec: EntitySpec, *, filters: Mapping[str, Any], q: str | None = None,
                    include_archived: bool = False, sort: str = "created") -> int:  # fmt: skip
        """How many records the list has (``sort`` says whether the full-text index answers it)."""
        ranked = await self._ranked(spec, filters, q, include_archived, sort)
        if ranked is not None:
            return len(ranked) if not self.view.restricted(spec.key) else len(await self._readable_hits(spec, ranked))
        params = self._list_params(spec, filters, q, include_archived, "created", False)
        rows = await self.store.read(f"{spec.key}/count", params)
        return int(rows[0]["total"]) if rows else 0

    # -- the ``where`` composer's statements (only when a client gives a where or a sortBy) ----
    def _composed_params(self, composed: compose.Composed, include_archived: bool) -> dict[str, Any]:
        """The composer's parameters plus the policy's viewer for every private kind: a filter
        through a relationship counts only the related records this reader may read."""
        viewers = {f"viewer_{key}": self.view.viewer(key) for key in PARTIES}
        return {**composed.params, **viewers, "includeArchived": include_archived}

    async def page_where(self, spec: EntitySpec, tree: Mapping[str, Any] | None, sort: list[compose.SortKey], *,
                         include_archived: bool = False, skip: int = 0, limit: int = 20) -> list[Row]:  # fmt: skip
        """One page of records matching ``tree``, sorted by ``sort`` (then by id)."""
        composed = compose.compose_list(spec.key, tree, sort, today=today_iso())
        params = self._composed_params(composed, include_archived) | {"skip": skip, "limit": limit}
        ids = [r["id"] for r in await self.store.read(composed.name, params)]
        found = await self.get_many(spec, ids) if ids else {}
        return [found[i] for i in ids if i in found]

    async def ids_where(self, spec: EntitySpec, tree: Mapping[str, Any] | None, ids: list[str]) -> set[str]:
        """Which of ``ids`` match ``tree`` (and the reader may read): a by-id list's ``where``."""
        composed = compose.compose_list(spec.key, {"AND": [tree or {}, {"id_IN": list(ids)}]}, [], today=today_iso())
        params = self._composed_params(composed, False) | {"skip": 0, "limit": len(ids)}
        return {r["id"] for r in await self.store.read(composed.name, params)}

    async def count_where(self, spec: EntitySpec, tree: Mapping[str, Any] | None, *, include_archived: bool = False) -> int:
        composed = compose.compose_count(spec.key, tree, today=today_iso())
        rows = await self.store.read(composed.name, self._composed_params(composed, include_archived))
        return int(rows[0]["total"]) if rows else 0

    async def related_where(self, from_key: str, relation: str, ids: list[str], tree: Mapping[str, Any] | None) -> dict[str, set[str]]:
        """Per batch key, the ids of the related records that match ``tree`` and the reader may read."""
        composed = compose.compose_related(from_key, relation, tree, today=today_iso())
        rows = await self.store.read(composed.name, self._composed_params(composed, False) | {"ids": list(ids)})
        found: dict[str, set[str]] = {}
        for row in rows:
            found.setdefault(row["key"], set()).add(row["id"])
        return found

    async def aggregate(self, spec: EntitySpec, tree: Mapping[str, Any] | None, group_by: list[str], *,
                        include_archived: bool = False) -> list[Row]:  # fmt: skip
        """Count, and sum/min/max/count of each numeric field, per group (``groupBy``: at most
        two keys). A Jalali year is folded here from the days the statement groups by."""
        composed = compose.compose_aggregate(spec.key, tree, group_by, today=today_iso())
        rows = await self.store.read(composed.name, self._composed_params(composed, include_archived))
        years = [i for i, g in enumerate(group_by) if GROUPS[spec.key][g][0] == "year"]
        folded: dict[tuple[Any, ...], Row] = {}
        for row in rows:
            key = [row[f"g{i}"] for i in range(len(group_by))]
            for i in years:
                key[i] = jalali_year(str(key[i])[:10]) if key[i] else None
            into = folded.setdefault(tuple(key), {"key": list(key), "count": 0, "numbers": {}})
            into["count"] += int(row["count"])
            for name in NUMBERS.get(spec.key, ()):
                into["numbers"][name] = _fold(into["numbers"].get(name), row, name)
        return sorted(folded.values(), key=lambda r: [(v is None, str(v)) for v in r["key"]])

    def new_props(self, spec: EntitySpec, data: BaseModel, now: str,
                  extra: Mapping[str, Any] | None = None) -> tuple[str, dict[str, Any], dict[str, Any]]:  # fmt: skip
        """Split a validated input into (id, stored properties, relation parameters)."""
        raw = data.model_dump()
        relations = {k: raw.pop(k) for k in spec.relations}
        ident = raw.pop("id", None) or new_id(spec.prefix)
        props = {k: v for k, v in raw.items() if v is not None}
        props.update(INITIAL.get(spec.key, {}))
        props.update(extra or {})
        props.update(
            version=1, createdAt=now, updatedAt=now, archived=False,
            search=search_text(*(raw.get(f) for f in spec.search_fields)),
            words=search_words(*(raw.get(f) for f in spec.search_fields)),
        )  # fmt: skip
        return ident, props, relations

    async def create(self, spec: EntitySpec, data: BaseModel, extra: Mapping[str, Any] | None = None,
                     idempotency_key: str | None = None) -> Row:  # fmt: skip
        """Create one record; ``extra`` sets stored fields the input does not carry (a draft's status).

        With an idempotency key, a retry of the same create by the same token with the same input
        returns the record made the first time; the same key with another input is
        IDEMPOTENCY_MISMATCH (as Stripe does). Keys are scoped by the token's id and the operation,
        never by a display name, so two callers never share one. Two concurrent creates with one
        key make one record: the key is unique in the store, and the loser reads the winner's.
        A reference to a record the creator may not read is NOT_FOUND, as if it did not exist.
        """
        if self.view.restricted(spec.key) and getattr(data, "id", None):
            raise ServiceError(
                "VALIDATION", f"an agency does not choose the id of a {spec.label}; the registry gives one",
                "شناسهٔ این رکورد را ثبت می‌دهد، نه دستگاه", field="id",
            )  # fmt: skip  # else DUPLICATE would tell it that another agency's private record has that id
        operation = f"create:{spec.key}"
        key = f"{self._scope()}:{operation}:{idempotency_key}" if idempotency_key else None
        digest = input_hash(operation, data, extra) if key else None
        if key is not None and (earlier := await self._replay(spec, key, digest, str(idempotency_key))) is not None:
            return earlier
        now = now_iso()
        ident, props, relations = self.new_props(spec, data, now, extra)
        await self._check_readable_references(relations)
        await check_agreement_link(self, spec.key, data.model_dump())
        if spec.key == "agency":  # no new stakeholder pseudo-agency (#19.3)
            from service.registry.receivers import check_new

            await check_new(self, spec.key, props)
        after = {k: v for k, v in {**props, **relations}.items() if k not in HIDDEN}
        params = {"id": ident, "props": props, "now": now, "idempotencyKey": key, "inputHash": digest, **relations,
                  "audit": audit_event(self.actor, "create", spec.label, ident, None, after)}  # fmt: skip
        try:
            rows = await self.store.write(f"{spec.key}/create", params)
        except store_errors.Conflict:
            if key is not None and (earlier := await self._replay(spec, key, digest, str(idempotency_key))) is not None:
                return earlier
            raise ServiceError(
                "DUPLICATE", f"{spec.label} {ident!r} already exists",
                f"«{ident}» از پیش ثبت شده است", field="id", status=409,
            ) from None  # fmt: skip
        if not rows:
            if spec.key == "request":  # the statement refuses a stakeholder as receiver: say so (#19.3)
                from service.registry.receivers import check_receiver

                await check_receiver(self, relations.get("receiverId"))
            raise await self._missing_reference(spec, relations)
        created = public(rows[0]["node"])
        if spec.key == "request":
            self.publish(Event("request", "filed", created))
        return created

    def _scope(self) -> str:
        """Whose idempotency keys these are: the token's id; without a token (the CLI, the service)
        the role, agency and name, which then are all there is to tell callers apart."""
        if self.actor is None:
            return "system"
        if self.actor.token_id:
            return f"token:{self.actor.token_id}"
        return f"actor:{self.actor.role.value}:{self.actor.agency_id or '-'}:{self.actor.name}"

    async def _replay(self, spec: EntitySpec, key: str, digest: str | None, given: str) -> Row | None:
        """The record an earlier create under ``key`` made (None: the key is unused)."""
        earlier = await self.store.read("idempotency/get", {"key": key})
        if not earlier:
            return None
        if earlier[0].get("inputHash") != digest:
            raise idempotency_mismatch(given)
        return await self.get(spec, earlier[0]["entityId"])

    async def _unreadable_reference(self, field: str, ident: str) -> ServiceError | None:
        """NOT_FOUND for a referenced id that no target kind has, or has only where the reader
        may not read it: both are the same answer, so a refusal says nothing about the record."""
        targets = REFERENCES.get(field, ())
        for target in targets:
            if ident in await self.get_many(target, [ident]):
                return None
        return not_found(targets[0].label if targets else "record", ident, field)

    async def _check_readable_references(self, relations: Mapping[str, Any]) -> None:
        """Refuse a link to a record the creator may not read (a request about another agency's
        private need): only fields that may point at a kind the policy restricts need a look."""
        for field, value in relations.items():
            if not any(self.view.restricted(t.key) for t in REFERENCES.get(field, ())):
                continue
            for ident in _ids(value):
                if (error := await self._unreadable_reference(field, ident)) is not None:
                    raise error

    async def _missing_reference(self, spec: EntitySpec, relations: Mapping[str, Any]) -> ServiceError:
        """After a create matched nothing: name the first reference that does not exist."""
        for field, value in relations.items():
            for ident in _ids(value):
                if (error := await self._unreadable_reference(field, ident)) is not None:
                    return error
        return ServiceError(
            "INVALID_REFERENCE",
            f"the references of this {spec.label} do not fit together (e.g. the duty is not the provider's)",
            "پیوندهای این رکورد با هم سازگار نیستند (مثلاً وظیفه از آنِ دستگاه ارائه‌دهنده نیست)",
            field=next(iter(relations), None),
        )

    async def guarded_write(self, spec: EntitySpec, ident: str, query: str, params: Mapping[str, Any],
                            expected_version: int | None, current: Row | None = None, *, action: str = "update",
                            audit_after: Mapping[str, Any] | None = None) -> Row | None:  # fmt: skip
        """Run a write that carries ``$expectedVersion``: refuses a stale version up front, and a
        write that matched nothing because someone wrote in between. None: the statement's own
        guard (not the version) refused it."""
        current = current or await self.get(spec, ident)
        if expected_version is not None and current["version"] != expected_version:
            raise version_conflict(spec.label, ident, current["version"])
        changes = dict(audit_after if audit_after is not None else params)
        before = {k: current.get(k) for k in changes}
        audit = audit_event(self.actor, action, spec.label, ident, before, changes)
        rows = await self.store.write(query, {"id": ident, **params, "expectedVersion": current["version"], "now": now_iso(), "audit": audit})
        if rows:
            return public(rows[0]["node"])
        latest = await self.get_many(spec, [ident])
        if latest.get(ident, {}).get("version") != current["version"]:
            raise version_conflict(spec.label, ident, latest.get(ident, {}).get("version"))
        return None

    async def update(self, spec: EntitySpec, ident: str, changes: Mapping[str, Any],
                     expected_version: int | None, current: Row | None = None) -> Row:  # fmt: skip
        """Write the changed fields, refusing when the record moved past ``expected_version``."""
        current = current or await self.get(spec, ident)
        if spec.key == "agency":  # no new stakeholder pseudo-agency (#19.3)
            from service.registry.receivers import check_new

            await check_new(self, spec.key, changes)
        merged = {**current, **changes}
        if changes.get("agreementId"):
            await check_agreement_link(self, spec.key, merged)
        props = dict(changes)
        props["search"] = search_text(*(merged.get(f) for f in spec.search_fields))
        props["words"] = search_words(*(merged.get(f) for f in spec.search_fields))
        action = "archive" if changes.get("archived") is True else "restore" if changes.get("archived") is False else "update"
        row = await self.guarded_write(spec, ident, f"{spec.key}/update", {"props": props}, expected_version, current,
                                       action=action, audit_after=changes)  # fmt: skip
        if row is None:  # only the version guards an update
            raise version_conflict(spec.label, ident, current["version"])
        return row

    async def archive(self, spec: EntitySpec, ident: str, expected_version: int | None,
                      archived: bool = True, current: Row | None = None) -> Row:  # fmt: skip
        """Archiving hides a record from lists but keeps it and its history."""
        now = now_iso()
        return await self.update(spec, ident, {"archived": archived, "archivedAt": now if archived else None}, expected_version, current)
