"""Subscriptions over WebSocket (``graphql-transport-ws`` and ``graphql-ws``, at ``/graphql``):
an agency's system hears that a request was filed or moved instead of polling. Each event is
checked against the subscriber's view, so an agency hears only of requests it is a party to; each is
read with fresh loaders (``Context.next_event``), and each subscription has a context of its own
(``service.graphql.websocket``).
``analysisReady`` tells the directorate and analysts that a registry-wide run finished; every other
role is refused when it subscribes, as ``Query.analyses`` refuses it."""

from collections.abc import AsyncGenerator
from enum import Enum

import strawberry
from strawberry.types import Info

from service.auth.policy import require_role
from service.domain.actor import Role
from service.errors import ServiceError
from service.graphql.types.agreement import Agreement, AgreementStep
from service.graphql.types.common import DateTime, from_row
from service.graphql.types.request import Request
from service.registry.events import EventHub
from service.registry.repository import public


@strawberry.enum
class RequestAction(Enum):
    FILED = "filed"
    MOVED = "moved"


@strawberry.type(description="A request was filed or moved one step")
class RequestEvent:
    action: RequestAction
    request: Request


@strawberry.enum(description="The analyses whose runs are announced")
class AnalysisName(Enum):
    DUPLICATION = "duplication"
    WINWIN = "winwin"


@strawberry.type(description="A registry-wide analysis run finished: run the query again to read its results")
class AnalysisReady:
    name: AnalysisName
    findings: int = strawberry.field(description="duplication: findings; winwin: opportunities")
    finished_at: DateTime
    by: str = strawberry.field(description="who ran it (the token's name)")


def hub(info: Info) -> EventHub:
    """The app's hub (lifespan state); an app run without its lifespan has none to listen to."""
    events: EventHub | None = info.context.events
    if events is None:
        raise ServiceError("EVENTS_UNAVAILABLE", "subscriptions need the app's lifespan (no event hub)",
                           "اشتراک بدون چرخهٔ عمر برنامه در دسترس نیست", status=503)  # fmt: skip
    return events
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
        async for event in hub(info).listen():
            if event.kind == "request" and view.readable("request", event.row):
                info.context.next_event()
                yield RequestEvent(action=RequestAction(event.action), request=from_row(Request, public(event.row)))

    @strawberry.subscription(description="Registry-wide analysis runs finished from now on (directorate and analysts)")
    async def analysis_ready(self, info: Info, names: list[AnalysisName] | None = None) -> AsyncGenerator[AnalysisReady, None]:
        require_role(info.context.actor, Role.DIRECTORATE, Role.ANALYST)
        wanted = {n.value for n in names} if names else {n.value for n in AnalysisName}
        async for event in hub(info).listen():
            if event.kind == "analysis" and event.row["name"] in wanted:
                info.context.next_event()
                row = event.row
                yield AnalysisReady(name=AnalysisName(row["name"]), findings=row["findings"],
                                    finished_at=DateTime(row["finishedAt"]), by=row["by"])  # fmt: skip
    @strawberry.subscription(description="Agreement events from now on, for agreements this reader is a party to (an agency) or all")
    async def agreement_events(self, info: Info) -> AsyncGenerator[AgreementEvent, None]:
        view = info.context.repo.view
        async for event in hub(info).listen():
            if event.kind == "agreement" and view.readable("agreement", event.row):
                info.context.next_event()
                row = {k: v for k, v in public(event.row).items() if k not in ("partyIds", "step")}
                step = event.row.get("step")
                yield AgreementEvent(action=event.action, agreement=from_row(Agreement, row),
                                     step=from_row(AgreementStep, step) if step else None)
