"""A working group's meetings (issue 19): date, agenda, the agencies present and the minutes. The
group's secretariat or lead (or the directorate) records and amends them."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from service.domain.actor import Actor
from service.domain.wg_models import MeetingIn, MeetingPatch
from service.errors import ServiceError, from_validation, version_conflict
from service.registry import wg_reads, wg_roles
from service.registry.audit import audit_event
from service.registry.clock import new_id, now_iso
from service.registry.repository import Repository, public
from service.registry.specs import WORKING_GROUP
from service.storage.port import Row


def _missing_agency(ids: list[str]) -> ServiceError:
    return ServiceError("NOT_FOUND", f"an agency named present does not exist ({', '.join(ids)})",
                        "دستگاهی که حاضر نام برده شده در ثبت نیست", field="presentIds", status=404)  # fmt: skip


async def record_meeting(repo: Repository, actor: Actor, data: dict[str, Any]) -> Row:
    """Record a meeting of a group."""
    try:
        meeting = MeetingIn.model_validate(data)
    except ValidationError as exc:
        raise from_validation(exc) from None
    group = await repo.get(WORKING_GROUP, meeting.groupId, field="groupId")
    wg_roles.require(actor, group, wg_roles.KEEPERS, "record its meetings", "جلسه‌های آن را ثبت کند")
    now, ident = now_iso(), new_id("wm")
    props = {k: v for k, v in meeting.model_dump().items() if v is not None} | {
        "version": 1, "createdAt": now, "updatedAt": now, "recordedBy": actor.agency_id or actor.role.value}  # fmt: skip
    props["presentIds"] = sorted(set(meeting.presentIds))
    audit = audit_event(actor, "record_meeting", "WgMeeting", ident, None, props)
    rows = await repo.store.write("wg_meeting/create", {"id": ident, "groupId": meeting.groupId, "props": props,
                                                        "presentIds": props["presentIds"], "audit": audit})  # fmt: skip
    if not rows:
        raise _missing_agency(props["presentIds"])
    return public(rows[0]["node"])


async def amend_meeting(repo: Repository, actor: Actor, ident: str, data: dict[str, Any], expected_version: int | None) -> Row:
    """Change a meeting's agenda, attendance or minutes (e.g. the minutes written after it)."""
    try:
        patch = MeetingPatch.model_validate(data)
    except ValidationError as exc:
        raise from_validation(exc) from None
    current = await wg_reads.get_one(repo, "wg_meeting", ident)
    group = await repo.get(WORKING_GROUP, current["groupId"])
    wg_roles.require(actor, group, wg_roles.KEEPERS, "amend its meetings", "جلسه‌های آن را ویرایش کند")
    if expected_version is not None and expected_version != current["version"]:
        raise version_conflict("WgMeeting", ident, current["version"])
    changes = patch.model_dump(exclude_none=True)
    if "presentIds" in changes:
        changes["presentIds"] = sorted(set(changes["presentIds"]))
    present: list[str] = list(changes["presentIds"] if "presentIds" in changes else current.get("presentIds") or [])
    audit = audit_event(actor, "amend_meeting", "WgMeeting", ident, {k: current.get(k) for k in changes}, changes)
    rows = await repo.store.write("wg_meeting/update", {"id": ident, "props": changes, "presentIds": present,
                                                        "expectedVersion": current["version"], "now": now_iso(), "audit": audit})  # fmt: skip
    if rows:
        return public(rows[0]["node"])
    latest = await wg_reads.get_many(repo, "wg_meeting", [ident])
    if latest.get(ident, {}).get("version") != current["version"]:
        raise version_conflict("WgMeeting", ident, latest.get(ident, {}).get("version"))
    raise _missing_agency(present)
