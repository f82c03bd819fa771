"""A working group's decisions (issue 19): text, owner agency, due date, status with its history, and
the plan action or request it acts on (plain ids). The secretariat or lead (or the directorate) records
them; they and the owner agency move its status: open -> in_progress -> done, or dropped."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from service.domain.actor import Actor, Role
from service.domain.enums import DecisionStatus
from service.domain.wg_models import DecisionIn
from service.errors import ServiceError, from_validation, not_found, version_conflict
from service.registry import wg_reads, wg_roles
from service.registry.audit import audit_event
from service.registry.clock import new_id, now_iso
from service.registry.repository import Repository, public
from service.registry.specs import AGENCY, WORKING_GROUP
from service.storage.port import Row

NEXT: dict[str, tuple[str, ...]] = {"open": ("in_progress", "dropped"), "in_progress": ("done", "dropped"),
                                    "done": (), "dropped": ()}  # fmt: skip
STATUS_FA = {"open": "باز", "in_progress": "در دست اجرا", "done": "انجام‌شده", "dropped": "کنارگذاشته"}


def step_of(actor: Actor, before: str | None, after: str, comment: str | None) -> dict[str, Any]:
    """One history step: who (role, agency, name), when, from and to, why."""
    step = {"id": new_id("ds"), "at": now_iso(), "actor": actor.name, "role": actor.role.value,
            "agencyId": actor.agency_id, "fromStatus": before, "toStatus": after, "comment": comment}  # fmt: skip
    return {k: v for k, v in step.items() if v is not None}


async def record_decision(repo: Repository, actor: Actor, data: dict[str, Any]) -> Row:
    """Record a decision of a group, owned by one agency; it starts open."""
    try:
        decision = DecisionIn.model_validate(data)
    except ValidationError as exc:
        raise from_validation(exc) from None
    group = await repo.get(WORKING_GROUP, decision.groupId, field="groupId")
    wg_roles.require(actor, group, wg_roles.KEEPERS, "record its decisions", "تصمیم‌های آن را ثبت کند")
    await repo.get(AGENCY, decision.ownerId, field="ownerId")
    if decision.meetingId:
        meeting = await wg_reads.get_one(repo, "wg_meeting", decision.meetingId, "meetingId")
        if meeting["groupId"] != decision.groupId:
            raise not_found("WgMeeting", decision.meetingId, "meetingId")
    now, ident = now_iso(), new_id("wd")
    props = {k: v for k, v in decision.model_dump().items() if v is not None} | {
        "status": "open", "version": 1, "createdAt": now, "updatedAt": now}  # fmt: skip
    audit = audit_event(actor, "record_decision", "WgDecision", ident, None, props)
    rows = await repo.store.write("wg_decision/create", {
        "id": ident, "groupId": decision.groupId, "ownerId": decision.ownerId, "meetingId": decision.meetingId,
        "props": props, "step": step_of(actor, None, "open", None), "audit": audit})  # fmt: skip
    if not rows:  # the group, owner or meeting went away in between
        raise not_found("WorkingGroup", decision.groupId, "groupId")
    return public(rows[0]["node"])


def _may_move(actor: Actor, group: Row, decision: Row) -> None:
    if actor.role == Role.AGENCY and actor.agency_id == decision.get("ownerId"):
        return
    if actor.role == Role.DIRECTORATE or wg_roles.holds(actor, group, wg_roles.KEEPERS):
        return
    raise ServiceError(
        "FORBIDDEN", "only the owner agency, the group's secretariat or lead, or the directorate may move this decision",
        "وضعیت این تصمیم را تنها دستگاه مسئول آن، دبیرخانه یا رئیس کارگروه یا اداره‌کل هماهنگی تغییر می‌دهد", status=403,
    )  # fmt: skip


def wrong_order(before: str, after: str) -> ServiceError:
    allowed = NEXT.get(before, ())
    return ServiceError(
        "INVALID_TRANSITION",
        f"a decision that is {before} cannot become {after} (allowed: {', '.join(allowed) or 'none'})",
        f"تصمیمی که «{STATUS_FA.get(before, before)}» است نمی‌تواند «{STATUS_FA.get(after, after)}» شود",
        field="to", status=409, details={"fromStatus": before, "toStatus": after, "allowed": list(allowed)},
    )  # fmt: skip


async def move_decision(repo: Repository, actor: Actor, ident: str, to: DecisionStatus | str,
                        comment: str | None, expected_version: int | None) -> Row:  # fmt: skip
    """Move a decision one step; each step is kept in its history."""
    after = DecisionStatus(to).value
    current = await wg_reads.get_one(repo, "wg_decision", ident)
    group = await repo.get(WORKING_GROUP, current["groupId"])
    _may_move(actor, group, current)
    if expected_version is not None and expected_version != current["version"]:
        raise version_conflict("WgDecision", ident, current["version"])
    before = current["status"]
    if after not in NEXT.get(before, ()):
        raise wrong_order(before, after)
    audit = audit_event(actor, "move_decision", "WgDecision", ident, {"status": before}, {"status": after})
    rows = await repo.store.write("wg_decision/move", {
        "id": ident, "from": before, "to": after, "expectedVersion": current["version"], "now": now_iso(),
        "step": step_of(actor, before, after, comment), "audit": audit})  # fmt: skip
    if not rows:
        latest = await wg_reads.get_many(repo, "wg_decision", [ident])
        raise version_conflict("WgDecision", ident, latest.get(ident, {}).get("version"))
    return public(rows[0]["node"])
