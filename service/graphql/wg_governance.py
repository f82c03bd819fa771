"""GraphQL of working-group governance (issue 19): queries and mutations over meetings, decisions and
transparency reports. Reads go through the repository's View (an agency sees its groups' records and
the decisions it owns; published reports are public); each write checks the actor's role in the group."""

from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from service.auth.policy import require_role, require_write
from service.domain.actor import Role
from service.graphql import inputs as i
from service.graphql.resolvers import creator
from service.graphql.types.common import DecisionStatus, ReportPeriod, ReportStatus, WorkingGroupLevel, camel, from_row
from service.graphql.types.wg_governance import WgDecision, WgMeeting, WgReport
from service.graphql.types.working_group import WorkingGroup
from service.registry import specs as s, wg_decisions as decisions, wg_meetings as meetings, wg_placement, wg_reads, wg_reports as reports


def _ids(values: list[strawberry.ID] | None) -> list[str] | None:
    return None if values is None else [str(v) for v in values]


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    """An input's fields as the domain model names them, unset ones left out."""
    return {k: (v.value if isinstance(v, Enum) else v) for k, v in data.items() if v is not None}


@strawberry.input(description="A meeting: date (Jalali or ISO), agenda, the agencies present, minutes")
class WgMeetingInput:
    group_id: strawberry.ID
    date: str
    agenda_fa: str
    agenda_en: str | None = None
    present_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    minutes_fa: str | None = None
    minutes_en: str | None = None


@strawberry.input(description="Changes to a meeting (minutes written after it, attendance corrected)")
class WgMeetingPatch:
    agenda_fa: str | None = None
    agenda_en: str | None = None
    present_ids: list[strawberry.ID] | None = None
    minutes_fa: str | None = None
    minutes_en: str | None = None


@strawberry.input(description="A decision: text, owner agency, due date (Jalali or ISO), the meeting, what it acts on")
class WgDecisionInput:
    group_id: strawberry.ID
    text_fa: str
    owner_id: strawberry.ID
    text_en: str | None = None
    due_date: str | None = None
    meeting_id: strawberry.ID | None = None
    action_id: strawberry.ID | None = None
    request_id: strawberry.ID | None = None


@strawberry.input(description="A transparency report for one Jalali period of a group")
class TransparencyReportInput:
    group_id: strawberry.ID
    year: int
    title_fa: str
    summary_fa: str
    period: ReportPeriod = ReportPeriod.YEAR
    title_en: str | None = None
    summary_en: str | None = None


def _camel(data: Any) -> dict[str, Any]:
    return _plain({camel(k): (_ids(v) if isinstance(v, list) else v) for k, v in vars(data).items()})


async def wg_meetings(info: Info, group_ids: list[strawberry.ID] | None = None) -> list[WgMeeting]:
    """Meetings of these groups (all: none given) that the reader may read, newest first."""
    rows = await wg_reads.listing(info.context.repo, "wg_meeting", groupIds=_ids(group_ids))
    return [from_row(WgMeeting, r) for r in rows]


async def wg_decisions(info: Info, group_ids: list[strawberry.ID] | None = None, owner_id: strawberry.ID | None = None,
                       status: DecisionStatus | None = None, overdue: bool | None = None) -> list[WgDecision]:  # fmt: skip
    """Decisions the reader may read (an agency: its groups' and those it owns), by due date;
    ``overdue``: only those open or in progress past their due date (or only the others)."""
    rows = await wg_reads.listing(info.context.repo, "wg_decision", groupIds=_ids(group_ids), ownerId=owner_id and str(owner_id))
    found = [from_row(WgDecision, r) for r in rows if status is None or r["status"] == DecisionStatus(status).value]
    return [d for d in found if overdue is None or d.overdue() == overdue]


async def transparency_reports(info: Info, group_ids: list[strawberry.ID] | None = None,
                               status: ReportStatus | None = None) -> list[WgReport]:  # fmt: skip
    """Reports the reader may read: published ones, and (an agency) those of its groups."""
    wanted = ReportStatus(status).value if status is not None else None
    rows = await wg_reads.listing(info.context.repo, "wg_report", groupIds=_ids(group_ids), status=wanted)
    return [from_row(WgReport, r) for r in rows]


async def wg_meeting(info: Info, id: strawberry.ID) -> WgMeeting | None:
    row = (await wg_reads.get_many(info.context.repo, "wg_meeting", [str(id)])).get(str(id))
    return from_row(WgMeeting, row) if row else None


async def wg_decision(info: Info, id: strawberry.ID) -> WgDecision | None:
    row = (await wg_reads.get_many(info.context.repo, "wg_decision", [str(id)])).get(str(id))
    return from_row(WgDecision, row) if row else None


async def transparency_report(info: Info, id: strawberry.ID) -> WgReport | None:
    row = (await wg_reads.get_many(info.context.repo, "wg_report", [str(id)])).get(str(id))
    return from_row(WgReport, row) if row else None


async def place_working_group(info: Info, id: strawberry.ID, level: WorkingGroupLevel | None = None,
                              parent_group_id: strawberry.ID | None = None, plan_id: strawberry.ID | None = None,
                              expected_version: int | None = None) -> WorkingGroup:  # fmt: skip
    """Set where a group sits: its level, the group it answers to, the city plan it serves (null clears). Directorate only."""
    require_role(info.context.actor, Role.DIRECTORATE)
    row = await wg_placement.place(info.context.repo, str(id), level, parent_group_id and str(parent_group_id),
                                   plan_id and str(plan_id), expected_version)  # fmt: skip
    return from_row(WorkingGroup, row)


async def record_wg_meeting(info: Info, input: WgMeetingInput) -> WgMeeting:
    """Record a meeting: the group's secretariat or lead, or the directorate."""
    return from_row(WgMeeting, await meetings.record_meeting(info.context.repo, info.context.actor, _camel(input)))


async def amend_wg_meeting(info: Info, id: strawberry.ID, input: WgMeetingPatch, expected_version: int | None = None) -> WgMeeting:
    """Amend a meeting (e.g. add its minutes): the group's secretariat or lead, or the directorate."""
    row = await meetings.amend_meeting(info.context.repo, info.context.actor, str(id), _camel(input), expected_version)
    return from_row(WgMeeting, row)


async def record_wg_decision(info: Info, input: WgDecisionInput) -> WgDecision:
    """Record a decision (it starts open): the group's secretariat or lead, or the directorate."""
    return from_row(WgDecision, await decisions.record_decision(info.context.repo, info.context.actor, _camel(input)))


async def move_wg_decision(info: Info, id: strawberry.ID, to: DecisionStatus, comment: str | None = None,
                           expected_version: int | None = None) -> WgDecision:  # fmt: skip
    """Move a decision one step (open -> in_progress -> done, or dropped): its owner agency, the group's
    secretariat or lead, or the directorate; each step kept in its history."""
    row = await decisions.move_decision(info.context.repo, info.context.actor, str(id), to, comment, expected_version)
    return from_row(WgDecision, row)


async def draft_transparency_report(info: Info, input: TransparencyReportInput) -> WgReport:
    """Draft a period's transparency report: the group's secretariat, or the directorate."""
    return from_row(WgReport, await reports.draft_report(info.context.repo, info.context.actor, _camel(input)))


async def approve_transparency_report(info: Info, id: strawberry.ID, expected_version: int | None = None) -> WgReport:
    """Approve a drafted report: the group's supervisor only."""
    return from_row(WgReport, await reports.advance_report(info.context.repo, info.context.actor, str(id), "approve", expected_version))


async def publish_transparency_report(info: Info, id: strawberry.ID, expected_version: int | None = None) -> WgReport:
    """Publish an approved report (then anyone reads it, signed in or not): the group's secretariat, or the directorate."""
    return from_row(WgReport, await reports.advance_report(info.context.repo, info.context.actor, str(id), "publish", expected_version))


QUERIES = {
    "wg_meetings": wg_meetings, "wg_meeting": wg_meeting, "wg_decisions": wg_decisions, "wg_decision": wg_decision,
    "transparency_reports": transparency_reports, "transparency_report": transparency_report,
}  # fmt: skip
MUTATIONS = {
    "place_working_group": place_working_group, "record_wg_meeting": record_wg_meeting,
    "amend_wg_meeting": amend_wg_meeting, "record_wg_decision": record_wg_decision,
    "move_wg_decision": move_wg_decision, "draft_transparency_report": draft_transparency_report,
    "approve_transparency_report": approve_transparency_report, "publish_transparency_report": publish_transparency_report,
}  # fmt: skip


_create_group = creator(s.WORKING_GROUP, WorkingGroup, i.WorkingGroupInput)


async def create_working_group(info: Info, input: i.WorkingGroupInput, idempotency_key: str | None = None) -> WorkingGroup:
    """Create a working group; its parent group and plan, when given, must exist."""
    data = input.to_pydantic()
    require_write(info.context.actor, s.WORKING_GROUP.key, data.model_dump())
    await wg_placement.check_placement(info.context.repo, None, data.parentGroupId, data.planId)
    group: WorkingGroup = await _create_group(info, input, idempotency_key)
    return group
