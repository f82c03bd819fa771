"""The Agency type and its traversals: duties, capacities, needs, issues, exchanges, requests."""

from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from service.domain.enums import JURISDICTION_FA
from service.graphql.types.common import AgencyKind, AgencyLevel, DateTime, Jurisdiction, MemberRole, from_row
from service.graphql.types.node import Node
from service.registry.specs import AGENCY, WORKING_GROUP

if TYPE_CHECKING:
    from service.graphql.types.agreement import Agreement
    from service.graphql.types.duty import Duty
    from service.graphql.types.exchange import Exchange
    from service.graphql.types.issue import Issue
    from service.graphql.types.request import Request
    from service.graphql.types.resources import Capacity, Need
    from service.graphql.types.working_group import Membership

_duty = Annotated["Duty", strawberry.lazy("service.graphql.types.duty")]
_capacity = Annotated["Capacity", strawberry.lazy("service.graphql.types.resources")]
_need = Annotated["Need", strawberry.lazy("service.graphql.types.resources")]
_issue = Annotated["Issue", strawberry.lazy("service.graphql.types.issue")]
_exchange = Annotated["Exchange", strawberry.lazy("service.graphql.types.exchange")]
_request = Annotated["Request", strawberry.lazy("service.graphql.types.request")]
_membership = Annotated["Membership", strawberry.lazy("service.graphql.types.working_group")]
_agreement = Annotated["Agreement", strawberry.lazy("service.graphql.types.agreement")]
_where = strawberry.lazy("service.graphql.where")
_wAgency = Annotated["AgencyWhere", _where]  # type: ignore[name-defined]  # noqa: F821  (made at import by service.graphql.where)
_wDuty = Annotated["DutyWhere", _where]  # type: ignore[name-defined]  # noqa: F821  (made at import by service.graphql.where)
_wCapacity = Annotated["CapacityWhere", _where]  # type: ignore[name-defined]  # noqa: F821  (made at import by service.graphql.where)
_wNeed = Annotated["NeedWhere", _where]  # type: ignore[name-defined]  # noqa: F821  (made at import by service.graphql.where)
_wIssue = Annotated["IssueWhere", _where]  # type: ignore[name-defined]  # noqa: F821  (made at import by service.graphql.where)
_wExchange = Annotated["ExchangeWhere", _where]  # type: ignore[name-defined]  # noqa: F821  (made at import by service.graphql.where)
_wRequest = Annotated["RequestWhere", _where]  # type: ignore[name-defined]  # noqa: F821  (made at import by service.graphql.where)
_wWorkingGroup = Annotated["WorkingGroupWhere", _where]  # type: ignore[name-defined]  # noqa: F821  (made at import by service.graphql.where)


@strawberry.type(description="An executive body: a deputy, district, organisation, company, agency or firm")
class Agency(Node):
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
    jurisdiction: Jurisdiction | None = strawberry.field(default=None, description="Tier of government (national … district)")
    geography_code: str | None = strawberry.field(default=None, description="Where it acts: a geography code (city, D8, samen, province)")
    fictional: bool = strawberry.field(default=False, description="An invented name (demo data): shown as «نام ساختگی», never as a real body")
    version: int
    archived: bool = False
    created_at: DateTime
    updated_at: DateTime

    @strawberry.field(description="The tier of government in Persian («استانی»)")
    def jurisdiction_fa(self) -> str | None:
        return JURISDICTION_FA[self.jurisdiction.value] if self.jurisdiction else None

    @strawberry.field(description="The agency this one is PART_OF")
    async def parent(self, info: Info) -> "Agency | None":
        if not self.parent_id:
            return None
        row = await info.context.loaders.entity(AGENCY).load(self.parent_id)
        return from_row(Agency, row) if row else None

    @strawberry.field(description="Agencies directly PART_OF this one")
    async def sub_agencies(self, info: Info, where: _wAgency | None = None) -> "list[Agency]":
        return await _traverse(info, self.id, "subAgencies", where)

    @strawberry.field(description="Duties this agency leads or supports")
    async def duties(self, info: Info, where: _wDuty | None = None) -> list[_duty]:
        return await _traverse(info, self.id, "duties", where)

    @strawberry.field
    async def capacities(self, info: Info, where: _wCapacity | None = None) -> list[_capacity]:
        return await _traverse(info, self.id, "capacities", where)

    @strawberry.field
    async def needs(self, info: Info, where: _wNeed | None = None) -> list[_need]:
        return await _traverse(info, self.id, "needs", where)

    @strawberry.field(description="Issues this agency raised")
    async def issues_raised(self, info: Info, where: _wIssue | None = None) -> list[_issue]:
        return await _traverse(info, self.id, "issuesRaised", where)

    @strawberry.field(description="Issues other agencies raised about this one")
    async def issues_received(self, info: Info, where: _wIssue | None = None) -> list[_issue]:
        return await _traverse(info, self.id, "issuesReceived", where)

    @strawberry.field
    async def exchanges_given(self, info: Info, where: _wExchange | None = None) -> list[_exchange]:
        return await _traverse(info, self.id, "exchangesGiven", where)

    @strawberry.field
    async def exchanges_received(self, info: Info, where: _wExchange | None = None) -> list[_exchange]:
        return await _traverse(info, self.id, "exchangesReceived", where)

    @strawberry.field
    async def requests_sent(self, info: Info, where: _wRequest | None = None) -> list[_request]:
        return await _traverse(info, self.id, "requestsSent", where)

    @strawberry.field
    async def requests_received(self, info: Info, where: _wRequest | None = None) -> list[_request]:
        return await _traverse(info, self.id, "requestsReceived", where)

    @strawberry.field(description="Working groups this agency sits in, with its role; `where` filters on the group")
    async def working_groups(self, info: Info, where: _wWorkingGroup | None = None) -> list[_membership]:
        from service.graphql.types.working_group import Membership, WorkingGroup

        rows = await info.context.loaders.related("working_group/of_agency").load(self.id)
        if where is not None and rows:
            from service.graphql.where import to_tree

            keep = await info.context.loaders.matching(WORKING_GROUP, to_tree(where)).load_many([r["id"] for r in rows])
            rows = [r for r, ok in zip(rows, keep, strict=True) if ok]
        return [Membership(role=MemberRole(r["role"]), group=from_row(WorkingGroup, r)) for r in rows]

    @strawberry.field(description="Agreements this agency is a party to (as provider or receiver), newest first; "
                      "an agency reader sees only its own")  # fmt: skip  # branch agree
    async def agreements(self, info: Info) -> list[_agreement]:
        from service.graphql.types.agreement import Agreement

        return [from_row(Agreement, r) for r in await info.context.loaders.related("agreement/of_agency").load(self.id)]


# GraphQL field -> (traversal statement, module and type of its records)
TRAVERSALS: dict[str, tuple[str, str, str]] = {
    "subAgencies": ("agency/children", "service.graphql.types.agency", "Agency"),
    "duties": ("duty/by_agency", "service.graphql.types.duty", "Duty"),
    "capacities": ("capacity/by_agency", "service.graphql.types.resources", "Capacity"),
    "needs": ("need/by_agency", "service.graphql.types.resources", "Need"),
    "issuesRaised": ("issue/raised_by", "service.graphql.types.issue", "Issue"),
    "issuesReceived": ("issue/concerning", "service.graphql.types.issue", "Issue"),
    "exchangesGiven": ("exchange/given_by", "service.graphql.types.exchange", "Exchange"),
    "exchangesReceived": ("exchange/received_by", "service.graphql.types.exchange", "Exchange"),
    "requestsSent": ("request/sent_by", "service.graphql.types.request", "Request"),
    "requestsReceived": ("request/received_by", "service.graphql.types.request", "Request"),
}


@cache
def _record_type(field: str) -> type:
    _, module, name = TRAVERSALS[field]
    found: type = getattr(import_module(module), name)
    return found


async def _traverse(info: Info, agency_id: str, field: str, where: Any = None) -> list[Any]:
    """One of the agency's lists, read for the fields the selection shows (``narrow``); with a
    ``where``, only the records the composed filter keeps (the plain path runs no composer)."""
    node = _record_type(field)
    loaders = info.context.loaders
    rows = await loaders.related(TRAVERSALS[field][0], loaders.wanted(info, node)).load(agency_id)
    if where is not None:
        from service.graphql.where import to_tree

        kept = await loaders.related_where("agency", field, to_tree(where)).load(agency_id)
        rows = [r for r in rows if r["id"] in kept]
    return [from_row(node, r) for r in rows]
