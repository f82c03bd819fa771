"""Transparency reports of a working group (issue 19, seed 000): one per Jalali period, drafted by the
secretariat, approved by the group's supervisor, then published by the secretariat; only published
reports are public. The draft keeps the period's figures (meetings held, decisions made and where they
stand) as they were when drafted, so what the supervisor approves is what is published."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from service.domain.actor import Actor
from service.domain.wg_models import ReportIn
from service.errors import ServiceError, from_validation, version_conflict
from service.registry import wg_periods, wg_reads, wg_roles
from service.registry.audit import audit_event
from service.registry.clock import new_id, now_iso
from service.registry.repository import Repository, public
from service.registry.specs import WORKING_GROUP
from service.storage.port import Row

STATUS_FA = {"drafted": "پیش‌نویس", "approved": "تأییدشده", "published": "منتشرشده"}
# step -> (status it needs, status it gives, who may take it, words for a refusal)
STEPS: dict[str, tuple[str, str, tuple[Any, ...], str, str]] = {
    "approve": ("drafted", "approved", wg_roles.APPROVERS, "approve its transparency reports", "گزارش شفافیت آن را تأیید کند"),
    "publish": ("approved", "published", wg_roles.REPORTERS, "publish its transparency reports", "گزارش شفافیت آن را منتشر کند"),
}  # fmt: skip


async def period_figures(repo: Repository, group_id: str, year: int, period: str) -> dict[str, int]:
    """Meetings held in the period and the decisions taken at them, by status (read as the service)."""
    first, last = (d.isoformat() for d in wg_periods.bounds(year, period))
    whole = Repository(repo.store)
    meetings = [m for m in await wg_reads.listing(whole, "wg_meeting", groupIds=[group_id]) if first <= m["date"] <= last]
    held = {m["id"] for m in meetings}
    decisions = [d for d in await wg_reads.listing(whole, "wg_decision", groupIds=[group_id], ownerId=None) if d.get("meetingId") in held]
    by = {s: sum(1 for d in decisions if d["status"] == s) for s in ("open", "in_progress", "done", "dropped")}
    return {"meetingsHeld": len(meetings), "decisionsMade": len(decisions), "decisionsOpen": by["open"] + by["in_progress"],
            "decisionsDone": by["done"], "decisionsDropped": by["dropped"]}  # fmt: skip


def _step(actor: Actor, before: str | None, after: str) -> dict[str, Any]:
    step = {"id": new_id("rs"), "at": now_iso(), "actor": actor.name, "role": actor.role.value,
            "agencyId": actor.agency_id, "fromStatus": before, "toStatus": after}  # fmt: skip
    return {k: v for k, v in step.items() if v is not None}


def period_taken(group_id: str, year: int, period: str) -> ServiceError:
    return ServiceError(
        "DUPLICATE", f"group {group_id!r} already has a transparency report for the {wg_periods.label_en(year, period)}",
        f"این کارگروه برای {wg_periods.label_fa(year, period)} گزارش شفافیت دارد", field="period", status=409,
    )  # fmt: skip


async def draft_report(repo: Repository, actor: Actor, data: dict[str, Any]) -> Row:
    """Draft the report of one period (the secretariat, or the directorate)."""
    try:
        report = ReportIn.model_validate(data)
    except ValidationError as exc:
        raise from_validation(exc) from None
    group = await repo.get(WORKING_GROUP, report.groupId, field="groupId")
    wg_roles.require(actor, group, wg_roles.REPORTERS, "draft its transparency reports", "گزارش شفافیت آن را تهیه کند")
    now, ident = now_iso(), new_id("wr")
    figures = await period_figures(repo, report.groupId, report.year, str(report.period))
    props = {k: v for k, v in report.model_dump().items() if v is not None} | figures | {
        "status": "drafted", "draftedBy": actor.agency_id or actor.role.value, "draftedAt": now,
        "version": 1, "createdAt": now, "updatedAt": now}  # fmt: skip
    audit = audit_event(actor, "draft_report", "WgReport", ident, None, props)
    rows = await repo.store.write("wg_report/create", {"id": ident, "groupId": report.groupId, "props": props,
                                                       "step": _step(actor, None, "drafted"), "audit": audit})  # fmt: skip
    if not rows:
        raise period_taken(report.groupId, report.year, str(report.period))
    return public(rows[0]["node"])


def wrong_order(step: str, status: str) -> ServiceError:
    needed = STEPS[step][0]
    return ServiceError(
        "INVALID_TRANSITION",
        f"a report must be {needed} before it is {'approved' if step == 'approve' else 'published'} (this one is {status})",
        f"تنها گزارش «{STATUS_FA[needed]}» را می‌توان {'تأیید' if step == 'approve' else 'منتشر'} کرد؛ این گزارش «{STATUS_FA.get(status, status)}» است",
        field="status", status=409, details={"status": status, "needs": needed},
    )  # fmt: skip


async def advance_report(repo: Repository, actor: Actor, ident: str, step: str, expected_version: int | None) -> Row:
    """``approve`` (the group's supervisor only) or ``publish`` (the secretariat or the directorate)."""
    needed, after, roles, action_en, action_fa = STEPS[step]
    current = await wg_reads.get_one(repo, "wg_report", ident)
    group = await repo.get(WORKING_GROUP, current["groupId"])
    wg_roles.require(actor, group, roles, action_en, action_fa, directorate=step == "publish")
    if expected_version is not None and expected_version != current["version"]:
        raise version_conflict("WgReport", ident, current["version"])
    if current["status"] != needed:
        raise wrong_order(step, current["status"])
    now, who = now_iso(), actor.agency_id or actor.role.value
    props = {"approvedBy": who, "approvedAt": now} if step == "approve" else {"publishedBy": who, "publishedAt": now}
    audit = audit_event(actor, f"{step}_report", "WgReport", ident, {"status": needed}, {"status": after} | props)
    rows = await repo.store.write("wg_report/move", {
        "id": ident, "from": needed, "to": after, "props": props, "expectedVersion": current["version"], "now": now,
        "step": _step(actor, needed, after), "audit": audit})  # fmt: skip
    if not rows:
        latest = await wg_reads.get_many(repo, "wg_report", [ident])
        raise version_conflict("WgReport", ident, latest.get(ident, {}).get("version"))
    return public(rows[0]["node"])


async def published_reports(repo: Repository) -> list[Row]:
    """Every published report (the public page's list: nothing else can come back)."""
    return [public(r["node"]) for r in await repo.store.read("wg_report/published")]
