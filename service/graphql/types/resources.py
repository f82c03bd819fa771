"""Capacity (what an agency can offer) and Need (what it lacks): the two sides of win-win."""

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from service.domain.enums import MoneyUnit as MoneyUnitEnum, ResourceStatus as Status
from service.graphql.types.common import DateTime, MoneyUnit, ResourceKind, ResourceStatus, iso_date, jalali, load_agency, money
from service.graphql.types.node import Node
from service.registry.clock import today_iso

if TYPE_CHECKING:
    from service.graphql.types.agency import Agency

_agency = Annotated["Agency", strawberry.lazy("service.graphql.types.agency")]


@strawberry.interface(name="Offerable", description="What capacities and needs have in common")
class Offerable(Node):
    """Fields a capacity and a need share."""

    id: strawberry.ID
    agency_id: strawberry.ID
    title_fa: str
    title_en: str | None = None
    description_fa: str | None = None
    description_en: str | None = None
    kind: ResourceKind
    quantity: float | None = None
    unit: str | None = None
    location: str | None = None
    status: ResourceStatus = strawberry.field(default=Status.OPEN, description="As recorded: open, partly met, met, withdrawn")
    version: int = 1
    archived: bool = False
    created_at: DateTime = DateTime("")
    updated_at: DateTime = DateTime("")

    @strawberry.field
    async def agency(self, info: Info) -> _agency | None:
        return await load_agency(info, self.agency_id)


@strawberry.type(description="Something an agency can offer others")
class Capacity(Offerable):
    available_from_iso: strawberry.Private[str | None] = None
    available_to_iso: strawberry.Private[str | None] = None
    cost_rials: strawberry.Private[int | None] = None
    quantity_committed: float | None = strawberry.field(default=None, description="Already promised to others")
    innovation_centre: str | None = strawberry.field(default=None, description="A knowledge-based product's innovation centre "
                                                     "(a code of innovationCentres); its company is the offering agency")

    @strawberry.field(description="The innovation centre's name in Persian")
    def innovation_centre_fa(self) -> str | None:
        from service.analysis.vocab.lists import INNOVATION_CENTRES, term

        found = term(INNOVATION_CENTRES, self.innovation_centre)
        return found.fa if found else None

    @strawberry.field(description="The status today: an open or partly met capacity whose window has ended is expired")
    def status_today(self) -> ResourceStatus:
        return _today(self.status, self.available_to_iso)

    @strawberry.field
    def available_from(self) -> dt.date | None:
        return iso_date(self.available_from_iso)

    @strawberry.field
    def available_from_jalali(self) -> str | None:
        return jalali(self.available_from_iso)

    @strawberry.field
    def available_to(self) -> dt.date | None:
        return iso_date(self.available_to_iso)

    @strawberry.field
    def available_to_jalali(self) -> str | None:
        return jalali(self.available_to_iso)

    @strawberry.field(description="What offering it costs the provider")
    def cost(self, unit: MoneyUnit = MoneyUnitEnum.RIAL) -> float | None:
        return money(self.cost_rials, unit)


@strawberry.type(description="Something an agency lacks and another could provide")
class Need(Offerable):
    needed_from_iso: strawberry.Private[str | None] = None
    needed_to_iso: strawberry.Private[str | None] = None
    value_rials: strawberry.Private[int | None] = None
    value_source: str | None = strawberry.field(default=None, description="Where the value comes from")
    quantity_met: float | None = strawberry.field(default=None, description="Already met: the rest is still wanted")

    @strawberry.field(description="The status today: an open or partly met need whose window has ended is expired")
    def status_today(self) -> ResourceStatus:
        return _today(self.status, self.needed_to_iso)

    @strawberry.field
    def needed_from(self) -> dt.date | None:
        return iso_date(self.needed_from_iso)

    @strawberry.field
    def needed_from_jalali(self) -> str | None:
        return jalali(self.needed_from_iso)

    @strawberry.field
    def needed_to(self) -> dt.date | None:
        return iso_date(self.needed_to_iso)

    @strawberry.field
    def needed_to_jalali(self) -> str | None:
        return jalali(self.needed_to_iso)

    @strawberry.field(description="What meeting the need is worth to the agency")
    def value(self, unit: MoneyUnit = MoneyUnitEnum.RIAL) -> float | None:
        return money(self.value_rials, unit)


def _today(status: Status, end: str | None) -> Status:
    if status in (Status.OPEN, Status.PARTLY_MET) and end and end < today_iso():
        return Status.EXPIRED
    return status
