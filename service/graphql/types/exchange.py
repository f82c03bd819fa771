"""The Exchange type: money, a service or infrastructure one agency gives another."""

from __future__ import annotations

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
    from service.graphql.types.duty import Duty

_agency = Annotated["Agency", strawberry.lazy("service.graphql.types.agency")]
_duty = Annotated["Duty", strawberry.lazy("service.graphql.types.duty")]


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
    date_iso: strawberry.Private[str | None] = None
    version: int = 1
    archived: bool = False
    created_at: DateTime = DateTime("")
    updated_at: DateTime = DateTime("")

    @strawberry.field(description="Amount, in rials unless asked in tomans")
    def amount(self, unit: MoneyUnit = MoneyUnitEnum.RIAL) -> float | None:
        return money(self.amount_rials, unit)

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
