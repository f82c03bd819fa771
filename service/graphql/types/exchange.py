"""The Exchange type: money, a service or infrastructure one agency gives another."""

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from service.domain.enums import MoneyUnit as MoneyUnitEnum
from service.graphql.types.common import (
    DateTime,
    ExchangeKind,
    ExchangeStatus,
    MoneyUnit,
    ValuationMethod,
    from_row,
    iso_date,
    jalali,
    load_agency,
    money,
)  # fmt: skip
from service.graphql.types.node import Node
from service.registry.specs import DUTY
from service.text.jalali import jalali_year

if TYPE_CHECKING:
    from service.graphql.types.agency import Agency
    from service.graphql.types.agreement import Agreement
    from service.graphql.types.duty import Duty

_agency = Annotated["Agency", strawberry.lazy("service.graphql.types.agency")]
_duty = Annotated["Duty", strawberry.lazy("service.graphql.types.duty")]
_agreement = Annotated["Agreement", strawberry.lazy("service.graphql.types.agreement")]


@strawberry.type(description="A financial, service or infrastructure exchange between agencies")
class Exchange(Node):
    id: strawberry.ID
    kind: ExchangeKind
    status: ExchangeStatus
    title_fa: str
    title_en: str | None = None
    description_fa: str | None = None
    provider_id: strawberry.ID
    receiver_id: strawberry.ID
    duty_id: strawberry.ID | None = strawberry.field(default=None, description="The provider's duty it serves")
    contract_ref: str | None = None
    amount_rials: strawberry.Private[int | None] = None
    estimated_value_rials: strawberry.Private[int | None] = None
    valuation_method: ValuationMethod | None = strawberry.field(default=None, description="How estimatedValue was estimated")
    agreement_id: strawberry.ID | None = strawberry.field(default=None, description="The agreement it belongs to")
    date_iso: strawberry.Private[str | None] = None
    version: int = 1
    archived: bool = False
    created_at: DateTime = DateTime("")
    updated_at: DateTime = DateTime("")

    @strawberry.field(description="Amount, in rials unless asked in tomans")
    def amount(self, unit: MoneyUnit = MoneyUnitEnum.RIAL) -> float | None:
        return money(self.amount_rials, unit)

    @strawberry.field(description="A service's or infrastructure's worth as estimated (valuationMethod says how)")
    def estimated_value(self, unit: MoneyUnit = MoneyUnitEnum.RIAL) -> float | None:
        return money(self.estimated_value_rials, unit)

    @strawberry.field(description="What it is worth: the amount when one is recorded, else the estimated value")
    def value(self, unit: MoneyUnit = MoneyUnitEnum.RIAL) -> float | None:
        return money(self.amount_rials if self.amount_rials is not None else self.estimated_value_rials, unit)

    @strawberry.field(description="True when value is an estimate, not an amount recorded")
    def value_estimated(self) -> bool:
        return self.amount_rials is None and self.estimated_value_rials is not None

    @strawberry.field(description="The agreement it belongs to (null when none, or not the reader's to read)")
    async def agreement(self, info: Info) -> _agreement | None:
        from service.graphql.types.agreement import Agreement
        from service.registry.specs import AGREEMENT

        row = await info.context.loaders.entity(AGREEMENT).load(self.agreement_id) if self.agreement_id else None
        return from_row(Agreement, row) if row else None

    @strawberry.field
    def date(self) -> dt.date | None:
        return iso_date(self.date_iso)

    @strawberry.field
    def date_jalali(self) -> str | None:
        return jalali(self.date_iso)

    @strawberry.field
    def jalali_year(self) -> int | None:
        return jalali_year(self.date_iso)

    @strawberry.field
    async def provider(self, info: Info) -> _agency | None:
        return await load_agency(info, self.provider_id)

    @strawberry.field
    async def receiver(self, info: Info) -> _agency | None:
        return await load_agency(info, self.receiver_id)

    @strawberry.field
    async def duty(self, info: Info) -> _duty | None:
        from service.graphql.types.duty import Duty

        if not self.duty_id:
            return None
        row = await info.context.loaders.entity(DUTY).load(self.duty_id)
        return from_row(Duty, row) if row else None
