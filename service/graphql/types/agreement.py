"""The Agreement type: parties, terms, value, period, status, and the orders, deliveries and
payments under it (each taken by one side and answered by the other)."""

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from service.domain.agreement import MOVES, OPEN, is_late
from service.domain.enums import AgreementStatus as StatusEnum, MoneyUnit as MoneyUnitEnum, StepStatus as StepStatusEnum
from service.graphql.types.common import (
    AgreementKind,
    AgreementStatus,
    DateTime,
    MoneyUnit,
    StepKind,
    StepStatus,
    from_row,
    iso_date,
    jalali,
    load_agencies,
    money,
)  # fmt: skip
from service.graphql.types.node import Node
from service.registry.clock import today_iso
from service.text.jalali import jalali_year

if TYPE_CHECKING:
    from service.graphql.types.agency import Agency
    from service.graphql.types.exchange import Exchange
    from service.graphql.types.request import Request

_agency = Annotated["Agency", strawberry.lazy("service.graphql.types.agency")]
_exchange = Annotated["Exchange", strawberry.lazy("service.graphql.types.exchange")]
_request = Annotated["Request", strawberry.lazy("service.graphql.types.request")]


def today_of(info: Info) -> str:
    """The registry's today (HAMAHANG_TODAY in tests and demos, else the clock's)."""
    return info.context.settings.today or today_iso()


@strawberry.type(description="An order, a delivery report or a payment under an agreement, and its answer")
class AgreementStep:
    id: strawberry.ID
    kind: StepKind
    status: StepStatus
    title_fa: str | None = None
    description_fa: str | None = None
    value_rials: strawberry.Private[int | None] = None
    on_iso: strawberry.Private[str | None] = None
    due_date_iso: strawberry.Private[str | None] = None
    ref_id: strawberry.ID | None = strawberry.field(default=None, description="The order a delivery fulfils, the delivery a payment settles")
    exchange_id: strawberry.ID | None = None
    by: str | None = None
    by_agency_id: strawberry.ID | None = strawberry.field(default=None, description="The agency that took it (null: the directorate for its side)")
    answer_ids: list[strawberry.ID] = strawberry.field(default_factory=list, description="The agencies whose answer it awaits (or awaited)")
    answered_by: str | None = None
    answered_by_agency_id: strawberry.ID | None = None
    answered_on_iso: strawberry.Private[str | None] = None
    reason: str | None = strawberry.field(default=None, description="Why it was declined or disputed")
    version: int = 1

    @strawberry.field(description="Value in rials unless asked in tomans")
    def value(self, unit: MoneyUnit = MoneyUnitEnum.RIAL) -> float | None:
        return money(self.value_rials, unit)

    @strawberry.field(description="The day it happened")
    def on(self) -> dt.date | None:
        return iso_date(self.on_iso)

    @strawberry.field
    def on_jalali(self) -> str | None:
        return jalali(self.on_iso)

    @strawberry.field
    def due_date_jalali(self) -> str | None:
        return jalali(self.due_date_iso)

    @strawberry.field
    def answered_on_jalali(self) -> str | None:
        return jalali(self.answered_on_iso)

    @strawberry.field(description="Awaiting the other side's answer")
    def awaiting(self) -> bool:
        return StepStatusEnum(self.status) in OPEN


@strawberry.type(description="A signature or a status move of an agreement")
class AgreementTransition:
    id: strawberry.ID
    action: str
    from_status: AgreementStatus
    to_status: AgreementStatus
    at: str
    on_iso: strawberry.Private[str | None] = None
    by: str
    by_agency_id: strawberry.ID | None = None
    for_agency_id: strawberry.ID | None = strawberry.field(default=None, description="The party signed or moved for")
    comment: str | None = None

    @strawberry.field
    def on_jalali(self) -> str | None:
        return jalali(self.on_iso)


@strawberry.type(description="An agreement between agencies: agreement → order → performance → settlement")
class Agreement(Node):
    id: strawberry.ID
    title_fa: str
    title_en: str | None = None
    terms_fa: str | None = None
    kind: AgreementKind
    status: AgreementStatus
    provider_ids: list[strawberry.ID]
    receiver_ids: list[strawberry.ID]
    signed_ids: list[strawberry.ID] = strawberry.field(default_factory=list, description="Parties that have signed")
    action_id: strawberry.ID | None = strawberry.field(default=None, description="The plan action it implements")
    opportunity_key: str | None = strawberry.field(default=None, description="Or the win-win opportunity it implements")
    contract_ref: str | None = None
    value_rials: strawberry.Private[int | None] = None
    period_from_iso: strawberry.Private[str | None] = None
    period_to_iso: strawberry.Private[str | None] = None
    signed_on_iso: strawberry.Private[str | None] = None
    version: int = 1
    archived: bool = False
    created_at: DateTime = DateTime("")
    updated_at: DateTime = DateTime("")

    @strawberry.field(description="Value in rials unless asked in tomans")
    def value(self, unit: MoneyUnit = MoneyUnitEnum.RIAL) -> float | None:
        return money(self.value_rials, unit)

    @strawberry.field
    def period_from(self) -> dt.date | None:
        return iso_date(self.period_from_iso)

    @strawberry.field
    def period_from_jalali(self) -> str | None:
        return jalali(self.period_from_iso)

    @strawberry.field
    def period_to(self) -> dt.date | None:
        return iso_date(self.period_to_iso)

    @strawberry.field
    def period_to_jalali(self) -> str | None:
        return jalali(self.period_to_iso)

    @strawberry.field(description="The day the last party signed (the day it was concluded)")
    def signed_on(self) -> dt.date | None:
        return iso_date(self.signed_on_iso)

    @strawberry.field
    def signed_on_jalali(self) -> str | None:
        return jalali(self.signed_on_iso)

    @strawberry.field(description="The Jalali year it counts in: the year it was signed, else its period's start")
    def jalali_year(self) -> int | None:
        return jalali_year(self.signed_on_iso or self.period_from_iso)

    @strawberry.field(description="Moves of the agreement itself that may follow (signing aside)")
    def next_statuses(self) -> list[AgreementStatus]:
        return list(MOVES[StatusEnum(self.status)])

    @strawberry.field
    async def providers(self, info: Info) -> list[_agency]:
        return await load_agencies(info, [str(i) for i in self.provider_ids])

    @strawberry.field
    async def receivers(self, info: Info) -> list[_agency]:
        return await load_agencies(info, [str(i) for i in self.receiver_ids])

    @strawberry.field(description="Orders, deliveries and payments, in the order they happened")
    async def steps(self, info: Info, kind: StepKind | None = None) -> list[AgreementStep]:
        rows = await info.context.loaders.related("agreement/steps").load(self.id)
        return [from_row(AgreementStep, r) for r in rows if kind is None or r["kind"] == kind.value]

    @strawberry.field(description="Signatures and status moves, oldest first")
    async def history(self, info: Info) -> list[AgreementTransition]:
        rows = await info.context.loaders.related("agreement/history").load(self.id)
        return [from_row(AgreementTransition, r) for r in rows]

    @strawberry.field(description="The exchanges recorded under it (payments, deliveries) that the reader may read")
    async def exchanges(self, info: Info) -> list[_exchange]:
        from service.graphql.types.exchange import Exchange

        return [from_row(Exchange, r) for r in await info.context.loaders.related("exchange/of_agreement").load(self.id)]

    @strawberry.field(description="The requests filed under it that the reader may read")
    async def requests(self, info: Info) -> list[_request]:
        from service.graphql.types.request import Request

        return [from_row(Request, r) for r in await info.context.loaders.related("request/of_agreement").load(self.id)]

    @strawberry.field(description="Value of deliveries accepted, in rials")
    async def delivered_rials(self, info: Info) -> float:
        rows = await info.context.loaders.related("agreement/steps").load(self.id)
        return float(sum(r.get("valueRials") or 0 for r in rows if r["kind"] == "performance" and r["status"] == "accepted"))

    @strawberry.field(description="Payments confirmed by the payee, in rials")
    async def paid_rials(self, info: Info) -> float:
        rows = await info.context.loaders.related("agreement/steps").load(self.id)
        return float(sum(r.get("valueRials") or 0 for r in rows if r["kind"] == "settlement" and r["status"] == "confirmed"))

    @strawberry.field(description="Behind: in force past its period's end, or an order past its due date with no delivery accepted")
    async def late(self, info: Info) -> bool:
        rows = await info.context.loaders.related("agreement/steps").load(self.id)
        row = {"status": StatusEnum(self.status).value, "periodTo": self.period_to_iso}
        return is_late(row, rows, today_of(info))


@strawberry.type(description="Concluded agreements of one kind in one Jalali year (the year the last party signed)")
class AgreementTotal:
    kind: AgreementKind
    jalali_year: int
    count: int
    value_rials: strawberry.Private[int]

    @strawberry.field
    def value(self, unit: MoneyUnit = MoneyUnitEnum.RIAL) -> float:
        return money(self.value_rials, unit) or 0.0
