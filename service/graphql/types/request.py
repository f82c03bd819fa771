"""The Request type and its workflow history."""

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from service.domain.enums import RequestStatus as Status
from service.domain.workflow import OPEN_STATUSES, TRANSITIONS
from service.graphql.types.common import DateTime, RequestStatus, from_row, iso_date, jalali, load_agency
from service.graphql.types.node import Node
from service.registry.clock import today_iso

if TYPE_CHECKING:
    from service.graphql.types.agency import Agency
    from service.graphql.types.agreement import Agreement

_agency = Annotated["Agency", strawberry.lazy("service.graphql.types.agency")]
_agreement = Annotated["Agreement", strawberry.lazy("service.graphql.types.agreement")]


@strawberry.type(description="One step of a request's workflow: who moved it, when, and why")
class Transition:
    id: strawberry.ID
    from_status: RequestStatus
    to_status: RequestStatus
    at: str
    by: str
    by_agency_id: strawberry.ID | None = None
    comment: str | None = None

    @strawberry.field
    def at_jalali(self) -> str | None:
        return jalali(self.at)


@strawberry.type(description="A request one agency files with another")
class Request(Node):
    id: strawberry.ID
    subject: str
    body: str | None = None
    status: RequestStatus
    sender_id: strawberry.ID
    receiver_id: strawberry.ID
    about_id: strawberry.ID | None = strawberry.field(default=None, description="A capacity, need, issue or duty")
    agreement_id: strawberry.ID | None = strawberry.field(default=None, description="The agreement it is filed under")
    due_date_iso: strawberry.Private[str | None] = None
    filed_on_iso: strawberry.Private[str | None] = None
    version: int = 1
    archived: bool = False
    created_at: DateTime = DateTime("")
    updated_at: DateTime = DateTime("")

    @strawberry.field
    def due_date(self) -> dt.date | None:
        return iso_date(self.due_date_iso)

    @strawberry.field
    def due_date_jalali(self) -> str | None:
        return jalali(self.due_date_iso)

    @strawberry.field
    def filed_on(self) -> dt.date | None:
        return iso_date(self.filed_on_iso or self.created_at)

    @strawberry.field
    def filed_on_jalali(self) -> str | None:
        return jalali(self.filed_on_iso or self.created_at)

    @strawberry.field(description="Open and past its due date")
    def overdue(self) -> bool:
        return bool(self.due_date_iso and Status(self.status) in OPEN_STATUSES and self.due_date_iso < today_iso())

    @strawberry.field(description="Statuses this request may move to next")
    def next_statuses(self) -> list[RequestStatus]:
        return list(TRANSITIONS[Status(self.status)])

    @strawberry.field
    async def sender(self, info: Info) -> _agency | None:
        return await load_agency(info, self.sender_id)

    @strawberry.field
    async def receiver(self, info: Info) -> _agency | None:
        return await load_agency(info, self.receiver_id)

    @strawberry.field(description="The agreement it is filed under (null when none, or not the reader's to read)")
    async def agreement(self, info: Info) -> _agreement | None:
        from service.graphql.types.agreement import Agreement
        from service.registry.specs import AGREEMENT

        row = await info.context.loaders.entity(AGREEMENT).load(self.agreement_id) if self.agreement_id else None
        return from_row(Agreement, row) if row else None

    @strawberry.field(description="Every workflow step, oldest first")
    async def history(self, info: Info) -> list[Transition]:
        rows = await info.context.loaders.related("request/steps").load(self.id)
        return [from_row(Transition, r) for r in rows]
