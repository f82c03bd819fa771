"""The Issue type: a problem one agency raises about others, maybe blocking a duty."""

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from service.graphql.types.common import DateTime, IssueCategory, IssueLevel, IssueStatus, Severity, from_row, iso_date, jalali, load_agencies, load_agency
from service.graphql.types.node import Node
from service.registry.specs import DUTY

if TYPE_CHECKING:
    from service.graphql.types.agency import Agency
    from service.graphql.types.duty import Duty
    from service.graphql.types.intake import IntakeDecision
    from service.graphql.types.stakeholder import Stakeholder  # #19.3

_agency = Annotated["Agency", strawberry.lazy("service.graphql.types.agency")]
_agency_where = Annotated["AgencyWhere", strawberry.lazy("service.graphql.where")]  # type: ignore[name-defined]  # noqa: F821
_duty = Annotated["Duty", strawberry.lazy("service.graphql.types.duty")]
_intake_decision = Annotated["IntakeDecision", strawberry.lazy("service.graphql.types.intake")]
_stakeholder = Annotated["Stakeholder", strawberry.lazy("service.graphql.types.stakeholder")]  # #19.3


@strawberry.type(description="A problem between agencies")
class Issue(Node):
    id: strawberry.ID
    title_fa: str
    title_en: str | None = None
    description_fa: str | None = None
    description_en: str | None = None
    category: IssueCategory
    severity: Severity
    status: IssueStatus
    raised_by_id: strawberry.ID
    concerns_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    blocks_duty_id: strawberry.ID | None = None
    raised_on_iso: strawberry.Private[str | None] = None
    source: str | None = strawberry.field(default=None, description="Which of seed 001's nine information sources it came from "
                                          "(a code of issueSources); null on issues recorded before intake had sources")
    level: IssueLevel | None = strawberry.field(default=None, description="Where it was collected: headquarters, organisation or district")
    version: int = 1
    archived: bool = False
    created_at: DateTime = DateTime("")
    updated_at: DateTime = DateTime("")

    @strawberry.field
    def raised_on(self) -> dt.date | None:
        return iso_date(self.raised_on_iso)

    @strawberry.field
    def raised_on_jalali(self) -> str | None:
        return jalali(self.raised_on_iso)

    @strawberry.field(description="The information source's name in Persian")
    def source_fa(self) -> str | None:
        from service.analysis.vocab.lists import ISSUE_SOURCES, term

        found = term(ISSUE_SOURCES, self.source)
        return found.fa if found else None

    @strawberry.field(description="The information source's name in English")
    def source_en(self) -> str | None:
        from service.analysis.vocab.lists import ISSUE_SOURCES, term

        found = term(ISSUE_SOURCES, self.source)
        return found.en if found else None

    @strawberry.field(description="The level in Persian (ستادی، سازمانی، منطقه‌ای)")
    def level_fa(self) -> str | None:
        from service.domain.enums import ISSUE_LEVEL_FA

        return ISSUE_LEVEL_FA.get(self.level.value) if self.level else None

    @strawberry.field
    async def raised_by(self, info: Info) -> _agency | None:
        return await load_agency(info, self.raised_by_id)

    @strawberry.field
    async def concerns(self, info: Info, where: _agency_where | None = None) -> list[_agency]:
        from service.graphql.where import kept
        from service.registry.specs import AGENCY

        return await kept(info, AGENCY, await load_agencies(info, self.concerns_ids), where)

    @strawberry.field(description="The committee's decisions on the proposals this issue was part of, oldest first")
    async def intake_decisions(self, info: Info) -> list[_intake_decision]:
        from service.graphql.types.intake import decision_of
        from service.registry.intake import decisions

        repo = info.context.repo

        async def load(ids: list[str]) -> list[list[Any]]:  # one statement for every issue of the document
            rows = await decisions(repo, issue_ids=ids)
            return [[decision_of(r) for r in rows if i in (r.get("memberIds") or [])] for i in ids]

        found: list[_intake_decision] = await info.context.loaders.batched("intake:decisions", load).load(str(self.id))
        return found

    @strawberry.field(description="The duty this issue keeps from being done")
    async def blocks_duty(self, info: Info) -> _duty | None:
        from service.graphql.types.duty import Duty

        if not self.blocks_duty_id:
            return None
        row = await info.context.loaders.entity(DUTY).load(self.blocks_duty_id)
        return from_row(Duty, row) if row else None

    # -- stakeholders (#19.3) --
    @strawberry.field(description="Stakeholders that voiced it (those the reader may read)")
    async def stakeholders(self, info: Info) -> list[_stakeholder]:
        from service.graphql.types.common import from_row
        from service.graphql.types.stakeholder import Stakeholder

        rows = await info.context.loaders.related("stakeholder/of_issues").load(str(self.id))
        return [from_row(Stakeholder, r) for r in rows]
