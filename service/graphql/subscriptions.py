"""Subscriptions over WebSocket (``graphql-transport-ws`` and ``graphql-ws``, at ``/graphql``):
an agency's system hears that a request was filed or moved instead of polling. Each event is
checked against the subscriber's view, so an agency hears only of requests it is a party to."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from enum import Enum

import strawberry
from strawberry.types import Info

from service.graphql.types.agreement import Agreement, AgreementStep
from service.graphql.types.common import from_row
from service.graphql.types.request import Request
from service.registry.events import HUB
from service.registry.repository import public


@strawberry.enum
class RequestAction(Enum):
    FILED = "filed"
    MOVED = "moved"


@strawberry.type(description="A request was filed or moved one step")
class RequestEvent:
    action: RequestAction
    request: Request


@strawberry.type(description="An agreement was recorded, signed, moved, or a step was taken or answered under it")
class AgreementEvent:
    action: str = strawberry.field(description="created, updated, signed, active, completed, settled, terminated, or a step: "
                                   "order_placed, order_accepted, order_declined, performance_reported, performance_accepted, "
                                   "performance_disputed, settlement_recorded, settlement_confirmed, settlement_disputed")
    agreement: Agreement
    step: AgreementStep | None = None


@strawberry.type
class Subscription:
    @strawberry.subscription(description="Requests filed and moved from now on, those this reader may read")
    async def request_events(self, info: Info) -> AsyncGenerator[RequestEvent, None]:
        view = info.context.repo.view
        async for event in HUB.listen():
            if event.kind == "request" and view.readable("request", event.row):
                yield RequestEvent(action=RequestAction(event.action), request=from_row(Request, public(event.row)))

    @strawberry.subscription(description="Agreement events from now on, for agreements this reader is a party to (an agency) or all")
    async def agreement_events(self, info: Info) -> AsyncGenerator[AgreementEvent, None]:
        view = info.context.repo.view
        async for event in HUB.listen():
            if event.kind == "agreement" and view.readable("agreement", event.row):
                row = {k: v for k, v in public(event.row).items() if k not in ("partyIds", "step")}
                step = event.row.get("step")
                yield AgreementEvent(action=event.action, agreement=from_row(Agreement, row),
                                     step=from_row(AgreementStep, step) if step else None)
