"""Stakeholders (ذی‌نفعان), their engagement log and the commitments made to them, for GraphQL.

Every read goes through the request's Repository, so an agency sees only the stakeholders it is
party to, and of the commitments only those it owes (service/auth/policy.py)."""

import datetime as dt
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from service.domain import stakeholder as m
from service.graphql.types.common import DateTime, from_row, iso_date, jalali, load_agency
from service.registry.specs import DUTY, ISSUE, WORKING_GROUP

if TYPE_CHECKING:
    from service.graphql.types.agency import Agency
    from service.graphql.types.analysis import CityPlan
    from service.graphql.types.duty import Duty
    from service.graphql.types.issue import Issue
    from service.graphql.types.working_group import WorkingGroup

strawberry.enum(m.StakeholderType, description="The six stakeholder groups of the mid-term plan (seed 001)")
strawberry.enum(m.EngagementKind, description="How a stakeholder was engaged")
strawberry.enum(m.Sentiment, description="The stakeholder's stance as an engagement showed it")
strawberry.enum(m.CommitmentStatus, description="open, kept or broken")
StakeholderType = m.StakeholderType
EngagementKind = m.EngagementKind
Sentiment = m.Sentiment
CommitmentStatus = m.CommitmentStatus


@strawberry.enum(description="A quadrant of the power/interest grid (Mendelow)")
class GridQuadrant(Enum):
    MANAGE_CLOSELY = "manage_closely"
    KEEP_SATISFIED = "keep_satisfied"
    KEEP_INFORMED = "keep_informed"
    MONITOR = "monitor"


_agency = Annotated["Agency", strawberry.lazy("service.graphql.types.agency")]
_duty = Annotated["Duty", strawberry.lazy("service.graphql.types.duty")]
_issue = Annotated["Issue", strawberry.lazy("service.graphql.types.issue")]
_group = Annotated["WorkingGroup", strawberry.lazy("service.graphql.types.working_group")]
_plan = Annotated["CityPlan", strawberry.lazy("service.graphql.types.analysis")]


@strawberry.type(description="One step of a commitment's status history")
class CommitmentStep:
    status: CommitmentStatus
    from_status: CommitmentStatus | None = None
    at: DateTime = DateTime("")
    actor: str = ""
    role: str = ""
    agency_id: strawberry.ID | None = None
    note: str | None = None


@strawberry.type(description="A commitment made to a stakeholder and the agency that owes it")
class Commitment:
    id: strawberry.ID
    stakeholder_id: strawberry.ID
    text_fa: str
    owner_id: strawberry.ID
    status: CommitmentStatus
    due_date_iso: strawberry.Private[str | None] = None
    made_on_iso: strawberry.Private[str | None] = None
    version: int = 1
    created_at: DateTime = DateTime("")
    updated_at: DateTime = DateTime("")

    @strawberry.field
    def due_date(self) -> dt.date | None:
        return iso_date(self.due_date_iso)

    @strawberry.field
    def due_date_jalali(self) -> str | None:
        return jalali(self.due_date_iso)

    @strawberry.field
    def made_on_jalali(self) -> str | None:
        return jalali(self.made_on_iso)

    @strawberry.field(description="Open past its due date (the registry's today)")
    def overdue(self, info: Info) -> bool:
        from service.registry.clock import today_iso
        from service.registry.commitments import overdue

        return overdue({"status": self.status.value, "dueDate": self.due_date_iso}, info.context.settings.today or today_iso())

    @strawberry.field
    def status_fa(self) -> str:
        return m.COMMITMENT_FA[self.status.value]

    @strawberry.field
    async def owner(self, info: Info) -> _agency | None:
        return await load_agency(info, self.owner_id)

    @strawberry.field
    async def stakeholder(self, info: Info) -> "Stakeholder | None":
        from service.registry.stakeholders import STAKEHOLDER

        row = await info.context.loaders.entity(STAKEHOLDER).load(str(self.stakeholder_id))
        return from_row(Stakeholder, row) if row else None

    @strawberry.field(description="Its status history, oldest first")
    async def history(self, info: Info) -> list[CommitmentStep]:
        # one statement per page of commitments (a DataLoader); the commitment itself was readable
        steps = await info.context.loaders.related("commitment/steps").load(str(self.id))
        return [from_row(CommitmentStep, s) for s in steps]


@strawberry.type(description="One entry of a stakeholder's engagement log")
class Engagement:
    id: strawberry.ID
    stakeholder_id: strawberry.ID
    kind: EngagementKind
    note_fa: str
    agency_id: strawberry.ID | None = None
    commitment_id: strawberry.ID | None = None
    sentiment: Sentiment | None = None
    date_iso: strawberry.Private[str | None] = None
    created_at: DateTime = DateTime("")

    @strawberry.field
    def date(self) -> dt.date | None:
        return iso_date(self.date_iso)

    @strawberry.field
    def date_jalali(self) -> str | None:
        return jalali(self.date_iso)

    @strawberry.field
    def kind_fa(self) -> str:
        return m.ENGAGEMENT_FA[self.kind.value]

    @strawberry.field
    async def agency(self, info: Info) -> _agency | None:
        return await load_agency(info, self.agency_id)


@strawberry.type(description="A stakeholder (ذی‌نفع): a group or body a plan must hear; not an agency, never a request's receiver")
class Stakeholder:
    id: strawberry.ID
    name_fa: str
    type: StakeholderType
    power: int = strawberry.field(description="1 (very low) to 5 (very high)")
    interest: int = strawberry.field(description="1 (very low) to 5 (very high)")
    influence: int = strawberry.field(description="1 (very low) to 5 (very high)")
    name_en: str | None = None
    description_fa: str | None = None
    beneficiaries: list[str] = strawberry.field(default_factory=list, description="Codes of the analyses' beneficiary vocabulary")
    fictional: bool = False
    issue_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    duty_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    plan_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    working_group_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    version: int = 1
    archived: bool = False
    created_at: DateTime = DateTime("")
    updated_at: DateTime = DateTime("")

    @strawberry.field
    def type_fa(self) -> str:
        return m.TYPE_FA[self.type.value]

    @strawberry.field(description="Its place on the power/interest grid (a score of 3 or more is high)")
    def quadrant(self) -> GridQuadrant:
        return GridQuadrant(m.quadrant(self.power, self.interest))

    @strawberry.field
    def quadrant_fa(self) -> str:
        return m.QUADRANT_FA[m.quadrant(self.power, self.interest)]

    @strawberry.field(description="Issues it raised (those the reader may read)")
    async def issues(self, info: Info) -> list[_issue]:
        from service.graphql.types.issue import Issue

        rows = await info.context.loaders.entity(ISSUE).load_many([str(i) for i in self.issue_ids])
        return [from_row(Issue, r) for r in rows if r]

    @strawberry.field(description="Duties that serve it")
    async def duties(self, info: Info) -> list[_duty]:
        from service.graphql.types.duty import Duty

        rows = await info.context.loaders.entity(DUTY).load_many([str(i) for i in self.duty_ids])
        return [from_row(Duty, r) for r in rows if r]

    @strawberry.field(description="Duties whose beneficiaries fall under its codes and are not linked yet")
    async def suggested_duties(self, info: Info) -> list[_duty]:
        from service.graphql.types.duty import Duty
        from service.registry.stakeholders import suggested_duties

        row = {"id": str(self.id), "type": self.type.value, "beneficiaries": self.beneficiaries, "dutyIds": self.duty_ids}
        return [from_row(Duty, r) for r in await suggested_duties(info.context.repo, row)]

    @strawberry.field(description="City plans that affect it")
    async def plans(self, info: Info) -> list[_plan]:
        from service.graphql.types.analysis import CityPlan
        from service.registry.city_plans import load_plans

        wanted = {str(p) for p in self.plan_ids}
        return [CityPlan.of(p) for p in await load_plans(info.context.repo.store) if p["id"] in wanted]

    @strawberry.field(description="Working groups it takes part in")
    async def working_groups(self, info: Info) -> list[_group]:
        from service.graphql.types.working_group import WorkingGroup

        rows = await info.context.loaders.entity(WORKING_GROUP).load_many([str(i) for i in self.working_group_ids])
        return [from_row(WorkingGroup, r) for r in rows if r]

    @strawberry.field(description="Its engagement log, newest first")
    async def engagements(self, info: Info) -> list[Engagement]:
        # one statement per page of stakeholders (a DataLoader); this stakeholder was readable
        rows = await info.context.loaders.related("engagement/of_stakeholders").load(str(self.id))
        return [from_row(Engagement, r) for r in rows]

    @strawberry.field(description="Its stance as the latest engagement that recorded one showed it")
    async def latest_sentiment(self, info: Info) -> Sentiment | None:
        rows = await info.context.loaders.related("engagement/of_stakeholders").load(str(self.id))
        found = next((r["sentiment"] for r in rows if r.get("sentiment")), None)
        return Sentiment(found) if found else None

    @strawberry.field(description="Commitments made to it (an agency: those it owes), due first")
    async def commitments(self, info: Info, status: CommitmentStatus | None = None) -> list[Commitment]:
        from service.registry.commitments import commitments

        rows = await commitments(info.context.repo, [str(self.id)], status=status.value if status else None)
        return [from_row(Commitment, r) for r in rows]


@strawberry.type(description="One quadrant of the power/interest grid with its stakeholders")
class GridCell:
    quadrant: GridQuadrant
    label_fa: str
    label_en: str
    stakeholders: list[Stakeholder]


@strawberry.type(description="The power/interest grid (Mendelow): scores 1-5, 3 or more is high")
class StakeholderGrid:
    high_from: int
    cells: list[GridCell]
