"""The innovation office's catalogue (issue 19 item 5, seed 004): knowledge-based products are capacities
of kind PRODUCT offered by their company, each in one of four innovation centres; clubs of people (the
planners' club) with their desks. Contracts with the companies are agreements, built elsewhere; the
link point is the product's capacity id.

Products are capacities, so every role reads them (capacities are shared); clubs are public too. Only
the directorate writes clubs."""

from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from service.auth.policy import require_role
from service.domain.actor import Role
from service.errors import ServiceError, from_validation
from service.graphql.pagination import Connection, connection, decode_cursor, page_size
from service.graphql.types.common import from_row, load_agency
from service.graphql.types.resources import Capacity
from service.registry.clubs import ClubIn, load_clubs, upsert_club
from service.registry.specs import CAPACITY

if TYPE_CHECKING:
    from service.graphql.types.agency import Agency

_agency = Annotated["Agency", strawberry.lazy("service.graphql.types.agency")]


@strawberry.input(description="Search the knowledge-based products")
class ProductFilter:
    innovation_centre: str | None = strawberry.field(default=None, description="A code of innovationCentres")
    company_id: strawberry.ID | None = strawberry.field(default=None, description="The company (the offering agency)")
    q: str | None = strawberry.field(default=None, description="Free text, Persian or English")


def product_params(filt: ProductFilter | None) -> tuple[dict[str, str | None], str | None]:
    """The capacity list's parameters for a product search; an unknown centre is the client's error."""
    from service.analysis.vocab.lists import INNOVATION_CENTRES, codes

    centre = filt.innovation_centre if filt else None
    if centre is not None and centre not in codes(INNOVATION_CENTRES):
        raise ServiceError("VALIDATION", f"innovationCentre: unknown innovation centre {centre!r} (see innovationCentres)",
                           f"مرکز نوآوری شناخته نیست ({centre})؛ فهرست در innovationCentres", field="innovationCentre")  # fmt: skip
    company = str(filt.company_id) if filt and filt.company_id else None
    return {"kind": "product", "innovationCentre": centre, "agencyId": company}, (filt.q if filt else None)


async def knowledge_products(info: Info, filter: ProductFilter | None = None, first: int | None = None,
                             after: str | None = None) -> Connection[Capacity]:  # fmt: skip
    """Knowledge-based products (capacities of kind PRODUCT), by title."""
    settings, repo = info.context.settings, info.context.repo
    size = page_size(first, settings.default_page_size, settings.max_page_size)
    params, q = product_params(filter)
    skip = decode_cursor(after)
    rows = await repo.page(CAPACITY, filters=params, q=q, sort="title", skip=skip, limit=size + 1)

    async def count() -> int:
        return int(await repo.count(CAPACITY, filters=params, q=q))

    return connection([from_row(Capacity, r) for r in rows], skip, size, count)


@strawberry.type(description="A specialist desk of a club")
class ClubDesk:
    code: str
    name_fa: str
    name_en: str | None = None
    member_count: int | None = strawberry.field(default=None, description="null where the source gives no count")


@strawberry.type(description="A group of people an agency runs (e.g. the urban planners' club), with its desks")
class Club:
    id: strawberry.ID
    agency_id: strawberry.ID
    name_fa: str
    name_en: str | None = None
    description_fa: str | None = None
    member_count: int | None = None
    founded_year: int | None = strawberry.field(default=None, description="Jalali")
    source: str | None = strawberry.field(default=None, description="Where the figures come from")
    desks: list[ClubDesk] = strawberry.field(default_factory=list)

    @strawberry.field(description="The agency that runs it")
    async def agency(self, info: Info) -> _agency | None:
        return await load_agency(info, str(self.agency_id))


def club_of(row: dict[str, Any]) -> Club:
    club = from_row(Club, {k: v for k, v in row.items() if k != "desks"})
    club.desks = [from_row(ClubDesk, d) for d in row.get("desks") or []]
    return club


async def clubs(info: Info) -> list[Club]:
    """Every club with its desks."""
    return [club_of(c) for c in await load_clubs(info.context.repo.store)]


@strawberry.input(description="A club's desk")
class ClubDeskInput:
    code: str
    name_fa: str
    name_en: str | None = None
    member_count: int | None = None


@strawberry.input(description="A club and its desks (desks left out are removed)")
class ClubInput:
    id: strawberry.ID
    agency_id: strawberry.ID
    name_fa: str
    name_en: str | None = None
    description_fa: str | None = None
    member_count: int | None = None
    founded_year: int | None = None
    source: str | None = None
    desks: list[ClubDeskInput] = strawberry.field(default_factory=list)


async def upsert_club_mutation(info: Info, input: ClubInput) -> Club:
    """Create or update a club and its desks. Directorate only; audited."""
    from pydantic import ValidationError

    require_role(info.context.actor, Role.DIRECTORATE)
    raw = {"id": str(input.id), "agencyId": str(input.agency_id), "nameFa": input.name_fa, "nameEn": input.name_en,
           "descriptionFa": input.description_fa, "memberCount": input.member_count, "foundedYear": input.founded_year,
           "source": input.source, "desks": [{"code": d.code, "nameFa": d.name_fa, "nameEn": d.name_en,
                                              "memberCount": d.member_count} for d in input.desks]}  # fmt: skip
    try:
        data = ClubIn.model_validate(raw)
    except ValidationError as exc:
        raise from_validation(exc) from None
    return club_of(await upsert_club(info.context.repo.store, info.context.actor, data))
