"""The Duty type: a mission or legal function an agency carries, with its COFOG function."""

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from service.data.taxonomy import function_name
from service.domain.enums import MoneyUnit as MoneyUnitEnum
from service.graphql.types.common import DateTime, DutyRole, MoneyUnit, Rials, load_agencies, load_agency, money
from service.graphql.types.node import Node

if TYPE_CHECKING:
    from service.graphql.types.agency import Agency
    from service.graphql.types.stakeholder import Stakeholder  # #19.3

_agency = Annotated["Agency", strawberry.lazy("service.graphql.types.agency")]
_agency_where = Annotated["AgencyWhere", strawberry.lazy("service.graphql.where")]  # type: ignore[name-defined]  # noqa: F821
_stakeholder = Annotated["Stakeholder", strawberry.lazy("service.graphql.types.stakeholder")]  # #19.3


def budget_lines(years: list[int] | None, rials: list[int] | None) -> list[tuple[int, int]]:
    return sorted(zip(years or [], rials or [], strict=False))


@strawberry.type(description="A duty's budget in one Jalali fiscal year")
class DutyBudget:
    year: int
    rials: Rials

    @strawberry.field(description="The amount in rials or tomans")
    def amount(self, unit: MoneyUnit = MoneyUnitEnum.RIAL) -> float | None:
        return money(self.rials, unit)


@strawberry.type(description="A mission or legal function an agency carries")
class Duty(Node):
    id: strawberry.ID
    title_fa: str
    title_en: str | None = None
    description_fa: str | None = None
    description_en: str | None = None
    function_code: str = strawberry.field(description="COFOG division or group, e.g. 06.2")
    beneficiaries: list[str] = strawberry.field(default_factory=list)
    geography: list[str] = strawberry.field(default_factory=list)
    legal_basis: str | None = None
    budget_years: list[int] = strawberry.field(default_factory=list, description="Jalali fiscal years with a budget")
    budget_rials: strawberry.Private[list[int] | None] = None
    agency_id: strawberry.ID | None = strawberry.field(default=None, description="The lead agency")
    support_agency_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    role: DutyRole | None = strawberry.field(default=None, description="The agency's role, when reached from an agency")
    version: int = 1
    archived: bool = False
    created_at: DateTime = DateTime("")
    updated_at: DateTime = DateTime("")

    @strawberry.field(description="The annual budget by Jalali fiscal year, in the asked period")
    def budgets(self, from_year: int | None = None, to_year: int | None = None) -> list[DutyBudget]:
        return [DutyBudget(year=y, rials=r) for y, r in budget_lines(self.budget_years, self.budget_rials)  # type: ignore[arg-type]
                if (from_year is None or y >= from_year) and (to_year is None or y <= to_year)]  # fmt: skip

    @strawberry.field(description="The COFOG function's name in Persian")
    def function_name_fa(self) -> str | None:
        return function_name(self.function_code, "fa")

    @strawberry.field(description="The COFOG function's name in English")
    def function_name_en(self) -> str | None:
        return function_name(self.function_code, "en")

    @strawberry.field(description="The lead agency")
    async def agency(self, info: Info) -> _agency | None:
        return await load_agency(info, self.agency_id)

    @strawberry.field
    async def support_agencies(self, info: Info, where: _agency_where | None = None) -> list[_agency]:
        from service.graphql.where import kept
        from service.registry.specs import AGENCY

        return await kept(info, AGENCY, await load_agencies(info, self.support_agency_ids), where)

    # -- stakeholders (#19.3) --
    @strawberry.field(description="Stakeholders it serves (those the reader may read)")
    async def stakeholders(self, info: Info) -> list[_stakeholder]:
        from service.graphql.types.common import from_row
        from service.graphql.types.stakeholder import Stakeholder

        rows = await info.context.loaders.related("stakeholder/of_duties").load(str(self.id))
        return [from_row(Stakeholder, r) for r in rows]
