"""Agreements between agencies: recording, editing a draft, signing and moving them.

Each write takes the agreement's write lock first and checks its version and status in the same
statement (``cypher/agreement/*``), writes its audit event there too, and is published on the
event hub after it succeeded. Who may do what is ``service/domain/agreement.py``; a record the
actor may not read is NOT_FOUND, exactly as a missing one (the repository's view).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from service.auth.policy import require_role
from service.domain.actor import Actor, Role
from service.domain.agreement import MOVES, SIDE_FA, STATUS_FA, Side, side_ids
from service.domain.enums import AgreementStatus as A
from service.errors import ServiceError, version_conflict
from service.registry.audit import audit_event
from service.registry.clock import new_id, now_iso
from service.registry.events import Event
from service.registry.repository import Repository, public
from service.registry.specs import AGREEMENT, PLAN_ACTION
from service.storage.port import Row
from service.text.persian import search_text, search_words


def parties(row: Mapping[str, Any]) -> list[str]:
    return [*(row.get("providerIds") or []), *(row.get("receiverIds") or [])]


def publish(repo: Repository, action: str, agreement: Row, step: Row | None = None) -> None:
    """Tell subscribers (the ``agreementEvents`` subscription, the notifier) what happened."""
    row = {**agreement, "partyIds": parties(agreement)}
    if step is not None:
        row["step"] = step
    repo.publish(Event("agreement", action, row))


def illegal(message_en: str, message_fa: str, field: str = "status", details: dict[str, Any] | None = None) -> ServiceError:
    return ServiceError("ILLEGAL_TRANSITION", message_en, message_fa, field=field, status=422, details=details)


def acting_for(agreement: Row, side: Side, actor: Actor, for_agency_id: str | None) -> str | None:
    """The agency on ``side`` this actor acts as (None: the directorate for the side as a whole).
    An agency acts for itself only, and only on its side; the directorate may act for anyone."""
    allowed = side_ids(agreement, side)
    if actor.role == Role.DIRECTORATE:
        if for_agency_id is not None and for_agency_id not in allowed:
            raise ServiceError("VALIDATION", f"{for_agency_id!r} is not on the {side.value} side of this agreement",
                               f"«{for_agency_id}» در سمت {SIDE_FA[side.value]} این قرارداد نیست", field="forAgencyId")  # fmt: skip
        return for_agency_id
    require_role(actor, Role.AGENCY)
    if actor.agency_id not in allowed:
        raise ServiceError("FORBIDDEN", f"only the {side.value} side of the agreement may take this step",
                           f"این گام را فقط {SIDE_FA[side.value]} قرارداد می‌تواند بردارد", status=403)  # fmt: skip
    return actor.agency_id


async def write(repo: Repository, query: str, ident: str, params: Mapping[str, Any], current: Row,
                expected_version: int | None, action: str, after: Mapping[str, Any]) -> list[Row]:  # fmt: skip
    """Run a guarded agreement statement; a stale ``expected_version`` or a write in between is
    VERSION_CONFLICT. An empty answer with the version unchanged is returned empty: the caller's
    own guard (status, a referred step) refused it."""
    if expected_version is not None and current["version"] != expected_version:
        raise version_conflict("Agreement", ident, current["version"])
    before = {k: current.get(k) for k in after}
    audit = audit_event(repo.actor, action, "Agreement", ident, before, dict(after))
    rows = await repo.store.write(query, {"id": ident, **params, "expectedVersion": current["version"], "now": now_iso(), "audit": audit})
    if not rows:
        latest = (await repo.get_many(AGREEMENT, [ident])).get(ident, {})
        if latest.get("version") != current["version"]:
            raise version_conflict("Agreement", ident, latest.get("version"))
    return rows


async def create_agreement(repo: Repository, data: BaseModel, actor: Actor, idempotency_key: str | None = None) -> Row:
    """Record a draft agreement. An agency records only agreements it is a party to."""
    require_role(actor, Role.DIRECTORATE, Role.AGENCY)
    if actor.role == Role.AGENCY and actor.agency_id not in parties(data.model_dump()):
        raise ServiceError("FORBIDDEN", "an agency records only agreements it is a party to",
                           "هر دستگاه فقط قراردادی را ثبت می‌کند که خود طرف آن است", field="providerIds", status=403)  # fmt: skip
    action_id = getattr(data, "actionId", None)
    if action_id:  # the plan action it implements must exist and be readable (NOT_FOUND alike otherwise)
        await repo.get(PLAN_ACTION, action_id, field="actionId")
    row = await repo.create(AGREEMENT, data, {"status": A.DRAFT.value, "signedIds": []}, idempotency_key)
    publish(repo, "created", row)
    return row


async def update_agreement(repo: Repository, ident: str, changes: Mapping[str, Any], actor: Actor,
                           expected_version: int | None = None) -> Row:  # fmt: skip
    """Change a draft's terms; once a party has signed, the terms are fixed."""
    current = await repo.get(AGREEMENT, ident)
    acting_for(current, Side.PARTY, actor, None)
    if current["status"] != A.DRAFT.value or current.get("signedIds"):
        raise illegal("only an unsigned draft's terms can change; terminate it and record a new one",
                      "شرایط قرارداد را فقط پیش از نخستین امضا می‌توان تغییر داد", field="id")  # fmt: skip
    if changes.get("actionId"):
        await repo.get(PLAN_ACTION, str(changes["actionId"]), field="actionId")
    merged = {**current, **changes}
    fields = [merged.get(f) for f in AGREEMENT.search_fields]
    props = {**changes, "search": search_text(*fields), "words": search_words(*fields)}  # both of q's keys
    rows = await write(repo, "agreement/update", ident, {"props": props, "fromStatus": A.DRAFT.value}, current,
                       expected_version, "update", changes)  # fmt: skip
    if not rows:
        raise illegal("the agreement was signed meanwhile", "قرارداد در این میان امضا شد", field="id")
    row = public(rows[0]["node"])
    publish(repo, "updated", row)
    return row


async def sign_agreement(repo: Repository, ident: str, actor: Actor, on: str, for_agency_id: str | None = None,
                         expected_version: int | None = None) -> Row:  # fmt: skip
    """One party signs; the last signature makes the agreement SIGNED, dated that day."""
    current = await repo.get(AGREEMENT, ident)
    who = acting_for(current, Side.PARTY, actor, for_agency_id)
    if who is None:
        raise ServiceError("VALIDATION", "the directorate signs on behalf of a named party: give forAgencyId",
                           "دبیرخانه باید بگوید به نمایندگی از کدام طرف امضا می‌کند (forAgencyId)", field="forAgencyId")  # fmt: skip
    if current["status"] != A.DRAFT.value:
        raise illegal(f"a {current['status']} agreement is past signing", f"قرارداد «{STATUS_FA[current['status']]}» دیگر امضا نمی‌شود")
    signed = list(current.get("signedIds") or [])
    if who in signed:
        raise illegal(f"{who!r} has already signed", "این طرف پیش‌تر امضا کرده است", field="forAgencyId")
    signed.append(who)
    done = set(signed) >= set(parties(current))
    props: dict[str, Any] = {"signedIds": signed}
    if len(signed) == 1:
        props["firstSignedOn"] = on
    if done:
        props["signedOn"] = on
    to = A.SIGNED if done else A.DRAFT
    row = await _transition(repo, current, to, "sign", actor, who, on, None, expected_version, props)
    publish(repo, "signed", row)
    return row


async def move_agreement(repo: Repository, ident: str, to: A, actor: Actor, on: str, comment: str | None = None,
                         for_agency_id: str | None = None, expected_version: int | None = None) -> Row:  # fmt: skip
    """Activate, complete, settle or terminate: only the moves ``MOVES`` allows, by the side it names."""
    from service.registry.agreement_steps import load_steps, ready_to

    current = await repo.get(AGREEMENT, ident)
    status = A(current["status"])
    side = MOVES[status].get(to)
    if side is None:
        options = [s.value for s in MOVES[status]]
        raise illegal(f"a {status.value} agreement cannot become {to.value}; allowed: {', '.join(options) or 'none (final)'}",
                      f"قرارداد «{STATUS_FA[status.value]}» نمی‌تواند «{STATUS_FA[to.value]}» شود",
                      details={"from": status.value, "to": to.value, "allowed": options})  # fmt: skip
    who = acting_for(current, side, actor, for_agency_id)
    if to == A.TERMINATED and not (comment or "").strip():
        raise ServiceError("VALIDATION", "say why the agreement is terminated", "دلیل فسخ قرارداد را بنویسید", field="comment")
    if to in (A.COMPLETED, A.SETTLED):
        ready_to(to, (await load_steps(repo, [ident])).get(ident, []))
    row = await _transition(repo, current, to, to.value, actor, who, on, comment, expected_version, {})
    publish(repo, to.value, row)
    return row


async def _transition(repo: Repository, current: Row, to: A, action: str, actor: Actor, who: str | None, on: str,
                      comment: str | None, expected_version: int | None, props: dict[str, Any]) -> Row:  # fmt: skip
    params = {"fromStatus": current["status"], "toStatus": to.value, "props": props, "stepId": new_id("st"), "action": action,
              "on": on, "by": actor.name, "byAgencyId": actor.agency_id, "forAgencyId": who, "comment": comment}  # fmt: skip
    rows = await write(repo, "agreement/transition", current["id"], params, current, expected_version, action,
                       {"status": to.value, "comment": comment, **props, **({"forAgencyId": who} if who else {})})  # fmt: skip
    if not rows:  # the status moved while the version did not: cannot happen, but say so
        raise version_conflict("Agreement", current["id"], current["version"])
    return public(rows[0]["node"])


async def history(repo: Repository, ids: list[str]) -> dict[str, list[Row]]:
    """Signatures and status moves of each agreement the reader may read."""
    readable = await repo.get_many(AGREEMENT, ids)
    grouped: dict[str, list[Row]] = {}
    if readable:
        for row in await repo.store.read("agreement/history", {"ids": sorted(readable)}):
            grouped.setdefault(row["key"], []).append(row["node"])
    return grouped
