"""The Agency type and its traversals: duties, capacities, needs, issues, exchanges, requests."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from service.graphql.types.common import AgencyKind, AgencyLevel, MemberRole, from_row
from service.registry.specs import AGENCY

if TYPE_CHECKING:
    from service.graphql.types.exchange import Exchange
    from service.graphql.types.issue import Issue
    from service.graphql.types.request import Request
    from service.graphql.types.resources import Capacity, Need
    from service.graphql.types.duty import Duty
    from service.graphql.types.working_group import Membership

_duty = Annotated["Duty", strawberry.lazy("service.graphql.types.duty")]
_capacity = Annotated["Capacity", strawberry.lazy("service.graphql.types.resources")]
_need = Annotated["Need", strawberry.lazy("service.graphql.types.resources")]
_issue = Annotated["Issue", strawberry.lazy("service.graphql.types.issue")]
_exchange = Annotated["Exchange", strawberry.lazy("service.graphql.types.exchange")]
_request = Annotated["Request", strawberry.lazy("service.graphql.types.request")]
_membership = Annotated["Membership", strawberry.lazy("service.graphql.types.working_group")]


@strawberry.type(description="An executive body: a deputy, district, organisation, company, agency or firm")
class Agency:
    id: strawberry.ID
    code: str
    name_fa: str
    name_en: str | None = None
    kind: AgencyKind
    level: AgencyLevel
    parent_id: strawberry.ID | None = None
    contact_phone: str | None = None
    contact_email: str | None = None
    contact_address: str | None = None
    version: int
    archived: bool = False
    created_at: str
    updated_at: str

    @strawberry.field(description="The agency this one is PART_OF")
    async def parent(self, info: Info) -> Agency | None:
        if not self.parent_id:
            return None
        row = await info.context.loaders.entity(AGENCY).load(self.parent_id)
        return from_row(Agency, row) if row else None

    @strawberry.field(description="Agencies directly PART_OF this one")
    async def sub_agencies(self, info: Info) -> list[Agency]:
        rows = await info.context.loaders.related("agency/children").load(self.id)
        return [from_row(Agency, r) for r in rows]

    @strawberry.field(description="Duties this agency leads or supports")
    async def duties(self, info: Info) -> list[_duty]:
        from service.graphql.types.duty import Duty

        rows = await info.context.loaders.related("duty/by_agency").load(self.id)
        return [from_row(Duty, r) for r in rows]

    @strawberry.field
    async def capacities(self, info: Info) -> list[_capacity]:
        from service.graphql.types.resources import Capacity

        rows = await info.context.loaders.related("capacity/by_agency").load(self.id)
        return [from_row(Capacity, r) for r in rows]

    @strawberry.field
    async def needs(self, info: Info) -> list[_need]:
        from service.graphql.types.resources import Need

        rows = await info.context.loaders.related("need/by_agency").load(self.id)
        return [from_row(Need, r) for r in rows]

    @strawberry.field(description="Issues this agency raised")
    async def issues_raised(self, info: Info) -> list[_issue]:
        from service.graphql.types.issue import Issue

        rows = await info.context.loaders.related("issue/raised_by").load(self.id)
        return [from_row(Issue, r) for r in rows]

    @strawberry.field(description="Issues other agencies raised about this one")
    async def issues_received(self, info: Info) -> list[_issue]:
        from service.graphql.types.issue import Issue

        rows = await info.context.loaders.related("issue/concerning").load(self.id)
        return [from_row(Issue, r) for r in rows]

    @strawberry.field
    async def exchanges_given(self, info: Info) -> list[_exchange]:
        from service.graphql.types.exchange import Exchange

        rows = await info.context.loaders.related("exchange/given_by").load(self.id)
        return [from_row(Exchange, r) for r in rows]

    @strawberry.field
    async def exchanges_received(self, info: Info) -> list[_exchange]:
        from service.graphql.types.exchange import Exchange

        rows = await info.context.loaders.related("exchange/received_by").load(self.id)
        return [from_row(Exchange, r) for r in rows]

    @strawberry.field
    async def requests_sent(self, info: Info) -> list[_request]:
        from service.graphql.types.request import Request

        rows = await info.context.loaders.related("request/sent_by").load(self.id)
        return [from_row(Request, r) for r in rows]

    @strawberry.field
    async def requests_received(self, info: Info) -> list[_request]:
        from service.graphql.types.request import Request

        rows = await info.context.loaders.related("request/received_by").load(self.id)
        return [from_row(Request, r) for r in rows]

    @strawberry.field(description="Working groups this agency sits in, with its role")
    async def working_groups(self, info: Info) -> list[_membership]:
        from service.graphql.types.working_group import Membership, WorkingGroup

        rows = await info.context.loaders.related("working_group/of_agency").load(self.id)
        return [Membership(role=MemberRole(r["role"]), group=from_row(WorkingGroup, r)) for r in rows]  # type: ignore[arg-type]
