"""The WorkingGroup type (کارگروه): member agencies with roles and the duties it coordinates."""

import dataclasses
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from service.graphql.types.common import DateTime, MemberRole, WorkingGroupLevel, from_row, load_agency
from service.graphql.types.node import Node
from service.registry.specs import AGENCY, DUTY

if TYPE_CHECKING:
    from service.graphql.types.agency import Agency
    from service.graphql.types.duty import Duty
    from service.graphql.types.wg_governance import WgDecision, WgMeeting, WgReport

_agency = Annotated["Agency", strawberry.lazy("service.graphql.types.agency")]
_duty = Annotated["Duty", strawberry.lazy("service.graphql.types.duty")]
_meeting = Annotated["WgMeeting", strawberry.lazy("service.graphql.types.wg_governance")]
_decision = Annotated["WgDecision", strawberry.lazy("service.graphql.types.wg_governance")]
_report = Annotated["WgReport", strawberry.lazy("service.graphql.types.wg_governance")]
_duty_where = Annotated["DutyWhere", strawberry.lazy("service.graphql.where")]  # type: ignore[name-defined]  # noqa: F821
_agency_where = Annotated["AgencyWhere", strawberry.lazy("service.graphql.where")]  # type: ignore[name-defined]  # noqa: F821


@strawberry.type
class Member:
    agency_id: strawberry.ID
    role: MemberRole

    @strawberry.field
    async def agency(self, info: Info) -> _agency | None:
        return await load_agency(info, self.agency_id)


@strawberry.type(description="A working group (کارگروه) of several agencies")
class WorkingGroup(Node):
    id: strawberry.ID
    name_fa: str
    name_en: str | None = None
    mandate_fa: str | None = None
    mandate_en: str | None = None
    members: strawberry.Private[list[dict[str, str]]] = dataclasses.field(default_factory=list)
    duty_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    level: WorkingGroupLevel | None = None
    parent_group_id: strawberry.ID | None = strawberry.field(default=None, description="The group this one answers to")
    plan_id: strawberry.ID | None = strawberry.field(default=None, description="The city plan this group serves")
    version: int = 1
    archived: bool = False
    created_at: DateTime = DateTime("")
    updated_at: DateTime = DateTime("")

    @strawberry.field(name="members", description="Member agencies with their roles; `where` filters on the agency")
    async def member_list(self, info: Info, where: _agency_where | None = None) -> list[Member]:
        members = [Member(agency_id=strawberry.ID(m["agencyId"]), role=MemberRole(m["role"])) for m in self.members]
        if where is None or not members:
            return members
        from service.graphql.where import to_tree

        keep = await info.context.loaders.matching(AGENCY, to_tree(where)).load_many([str(m.agency_id) for m in members])
        return [m for m, ok in zip(members, keep, strict=True) if ok]

    @strawberry.field
    async def duties(self, info: Info, where: _duty_where | None = None) -> list[_duty]:
        from service.graphql.types.duty import Duty
        from service.graphql.where import kept

        rows = await info.context.loaders.entity(DUTY).load_many(list(self.duty_ids))
        return await kept(info, DUTY, [from_row(Duty, r) for r in rows if r], where)

    # working-group governance (issue 19): where the group sits, its meetings, decisions and reports
    @strawberry.field(description="The group this one answers to")
    async def parent_group(self, info: Info) -> "WorkingGroup | None":
        if not self.parent_group_id:
            return None
        from service.registry.specs import WORKING_GROUP

        row = await info.context.loaders.entity(WORKING_GROUP).load(str(self.parent_group_id))
        return from_row(WorkingGroup, row) if row else None

    @strawberry.field(description="Its meetings the reader may read, newest first")
    async def meetings(self, info: Info) -> list[_meeting]:
        from service.graphql.wg_governance import wg_meetings

        return await wg_meetings(info, [self.id])

    @strawberry.field(description="Its decisions the reader may read, by due date")
    async def decisions(self, info: Info) -> list[_decision]:
        from service.graphql.wg_governance import wg_decisions

        return await wg_decisions(info, [self.id])

    @strawberry.field(description="Its transparency reports the reader may read (published ones: anyone)")
    async def transparency_reports(self, info: Info) -> list[_report]:
        from service.graphql.wg_governance import transparency_reports

        return await transparency_reports(info, [self.id])


@strawberry.type(description="An agency's seat in a working group")
class Membership:
    role: MemberRole
    group: WorkingGroup
