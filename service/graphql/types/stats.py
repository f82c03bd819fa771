"""Aggregates: counts by status, exchange totals by kind and Jalali year, each computed by the
repository over what the reader may read (an agency's stats count only its own private records)."""

from collections import defaultdict

import strawberry
from strawberry.types import Info

from service.data.taxonomy import functions
from service.domain.enums import ExchangeKind as ExchangeKindEnum, MoneyUnit as MoneyUnitEnum
from service.graphql.types.agreement import AgreementTotal
from service.graphql.types.common import ExchangeKind, MoneyUnit, money
from service.text.jalali import jalali_year


@strawberry.type
class StatusCount:
    status: str
    count: int


@strawberry.type
class ExchangeTotal:
    kind: ExchangeKind
    jalali_year: int
    count: int
    amount_rials: strawberry.Private[int]

    estimated_rials: strawberry.Private[int] = 0

    @strawberry.field(description="Amounts recorded (money paid), without estimates")
    def amount(self, unit: MoneyUnit = MoneyUnitEnum.RIAL) -> float:
        return money(self.amount_rials, unit) or 0.0

    @strawberry.field(description="Estimated values of services and infrastructure with no amount recorded")
    def estimated(self, unit: MoneyUnit = MoneyUnitEnum.RIAL) -> float:
        return money(self.estimated_rials, unit) or 0.0

    @strawberry.field(description="Everything exchanged, in rials: amounts recorded plus estimated values (estimated says how much of it is estimated)")
    def value(self, unit: MoneyUnit = MoneyUnitEnum.RIAL) -> float:
        return money(self.amount_rials + self.estimated_rials, unit) or 0.0


@strawberry.type(description="A COFOG division or group")
class Function:
    code: str
    parent: str | None
    name_fa: str
    name_en: str


async def _counts(info: Info, key: str) -> list[StatusCount]:
    rows = await info.context.repo.status_counts(key)
    return [StatusCount(status=r["status"], count=int(r["count"])) for r in rows]


@strawberry.type
class RegistryStats:
    @strawberry.field
    async def requests_by_status(self, info: Info) -> list[StatusCount]:
        return await _counts(info, "request")

    @strawberry.field
    async def issues_by_status(self, info: Info) -> list[StatusCount]:
        return await _counts(info, "issue")

    @strawberry.field
    async def exchanges_by_status(self, info: Info) -> list[StatusCount]:
        return await _counts(info, "exchange")

    @strawberry.field(description="Exchanges that are not cancelled, per kind and Jalali year")
    async def exchange_totals(self, info: Info) -> list[ExchangeTotal]:
        rows = await info.context.repo.exchange_totals_by_day()
        totals: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0, 0])
        for r in rows:
            year = jalali_year(r["date"])
            if year is None:  # undated, or a stored date the Jalali calendar cannot show
                continue
            slot = totals[(r["kind"], year)]
            slot[0] += int(r["count"])
            slot[1] += int(r["amount"] or 0)
            slot[2] += int(r.get("estimated") or 0)
        return [
            ExchangeTotal(kind=ExchangeKindEnum(kind), jalali_year=year, count=c, amount_rials=a, estimated_rials=est)
            for (kind, year), (c, a, est) in sorted(totals.items())
        ]

    # -- agreements (branch agree)
    @strawberry.field
    async def agreements_by_status(self, info: Info) -> list[StatusCount]:
        return await _counts(info, "agreement")

    @strawberry.field(description="Concluded agreements (every party signed) per kind and Jalali year of signing, with their value: "
                      "seed 004 counts innovative contracts and contracts with knowledge-based companies per year this way")  # fmt: skip
    async def agreement_totals(self, info: Info) -> list[AgreementTotal]:
        from service.graphql.agreements import agreement_totals

        return await agreement_totals(info)


def function_list(division: str | None = None) -> list[Function]:
    return [
        Function(code=f.code, parent=f.parent, name_fa=f.name_fa, name_en=f.name_en)
        for f in functions().values()
        if division is None or f.code == division or f.parent == division
    ]
