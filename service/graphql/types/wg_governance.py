"""GraphQL types of working-group governance (issue 19): meetings, decisions with their history, and
transparency reports. Dates are ISO and Jalali, like everywhere else."""

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from service.graphql.types.common import DateTime, DecisionStatus, ReportPeriod, ReportStatus, from_row, iso_date, jalali, load_agency
from service.registry import wg_periods, wg_reads
from service.registry.clock import today_iso

if TYPE_CHECKING:
    from service.graphql.types.agency import Agency

_agency = Annotated["Agency", strawberry.lazy("service.graphql.types.agency")]


@strawberry.type(description="One step of a decision's or report's history: who, when, from and to")
class GovernanceStep:
    id: strawberry.ID
    from_status: str | None = None
    to_status: str
    at: str
    actor: str
    role: str
    agency_id: strawberry.ID | None = None
    comment: str | None = None

    @strawberry.field
    def at_jalali(self) -> str | None:
        return jalali(self.at)


@strawberry.type(description="A working group's meeting (جلسه): date, agenda, agencies present, minutes")
class WgMeeting:
    id: strawberry.ID
    group_id: strawberry.ID
    date_iso: strawberry.Private[str | None] = None
    agenda_fa: str
    agenda_en: str | None = None
    present_ids: list[strawberry.ID] = strawberry.field(default_factory=list, description="Agencies present")
    minutes_fa: str | None = None
    minutes_en: str | None = None
    version: int = 1
    created_at: DateTime = DateTime("")
    updated_at: DateTime = DateTime("")

    @strawberry.field
    def date(self) -> dt.date | None:
        return iso_date(self.date_iso)

    @strawberry.field
    def date_jalali(self) -> str | None:
        return jalali(self.date_iso)

    @strawberry.field
    async def present(self, info: Info) -> list[_agency]:
        found = [await load_agency(info, str(i)) for i in self.present_ids]
        return [a for a in found if a is not None]


@strawberry.type(description="A working group's decision (مصوبه): owner agency, due date, status and history")
class WgDecision:
    id: strawberry.ID
    group_id: strawberry.ID
    meeting_id: strawberry.ID | None = None
    text_fa: str
    text_en: str | None = None
    owner_id: strawberry.ID
    status: DecisionStatus
    due_date_iso: strawberry.Private[str | None] = None
    action_id: strawberry.ID | None = strawberry.field(default=None, description="The plan action it acts on (a plain id)")
    request_id: strawberry.ID | None = strawberry.field(default=None, description="The request it acts on (a plain id)")
    version: int = 1
    created_at: DateTime = DateTime("")
    updated_at: DateTime = DateTime("")

    @strawberry.field
    def due_date(self) -> dt.date | None:
        return iso_date(self.due_date_iso)

    @strawberry.field
    def due_date_jalali(self) -> str | None:
        return jalali(self.due_date_iso)

    @strawberry.field(description="Open or in progress and past its due date")
    def overdue(self) -> bool:
        return bool(self.due_date_iso and self.status in ("open", "in_progress") and self.due_date_iso < today_iso())

    @strawberry.field
    async def owner(self, info: Info) -> _agency | None:
        return await load_agency(info, str(self.owner_id))

    @strawberry.field(description="Every status step, oldest first")
    async def history(self, info: Info) -> list[GovernanceStep]:
        rows = (await wg_reads.steps(info.context.repo, "wg_decision", [str(self.id)])).get(str(self.id), [])
        return [from_row(GovernanceStep, r) for r in rows]


@strawberry.type(description="A working group's transparency report (گزارش شفافیت) for one Jalali period")
class WgReport:
    id: strawberry.ID
    group_id: strawberry.ID
    year: int
    period: ReportPeriod
    title_fa: str
    title_en: str | None = None
    summary_fa: str
    summary_en: str | None = None
    status: ReportStatus
    meetings_held: int = 0
    decisions_made: int = 0
    decisions_open: int = 0
    decisions_done: int = 0
    decisions_dropped: int = 0
    drafted_by: str | None = None
    approved_by: str | None = None
    approved_at: str | None = None
    published_by: str | None = None
    published_at: str | None = None
    version: int = 1
    created_at: DateTime = DateTime("")
    updated_at: DateTime = DateTime("")

    @strawberry.field(description="The period in Persian, e.g. «نیمهٔ نخست ۱۴۰۵»")
    def period_fa(self) -> str:
        return wg_periods.label_fa(self.year, str(self.period.value if hasattr(self.period, "value") else self.period))

    @strawberry.field(description="The public PDF (published reports only)")
    def pdf_url(self) -> str | None:
        return f"/transparency/{self.id}.pdf" if str(getattr(self.status, "value", self.status)) == "published" else None

    @strawberry.field(description="Every workflow step, oldest first")
    async def history(self, info: Info) -> list[GovernanceStep]:
        rows = (await wg_reads.steps(info.context.repo, "wg_report", [str(self.id)])).get(str(self.id), [])
        return [from_row(GovernanceStep, r) for r in rows]
