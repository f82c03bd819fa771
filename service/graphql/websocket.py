"""GraphQL over a WebSocket (``/graphql``, ``graphql-transport-ws`` and ``graphql-ws``): subscriptions
only, each with a context of its own, its reader checked again before every event.

Strawberry makes one context per connection and hands it to every operation the connection sends.
Ours holds what belongs to one operation: the DataLoaders' rows and the fields each path of the
document reads. Shared, a second subscription on one socket read the first one's selection (fields
missing), rows stayed as first loaded for the connection's life, and the reader stayed the one of the
handshake, so a revoked token kept hearing of private requests. Queries and mutations sent over the
socket also skipped what HTTP admits them by (the cost limit). So each operation here gets a fresh
context for the same reader; queries and mutations are refused (they go to ``POST /graphql``); the
document passes the cost limit (``GraphQLPost.admitted``, parsing no more than the schema's token
limit); the token is resolved again when a subscription starts and before each of its events (from
the app's token cache, which a revocation empties); every error is shaped as HTTP's are; and a socket
holds at most ``ws_max_subscriptions`` subscriptions.
"""

from collections.abc import AsyncGenerator, AsyncIterator, Callable, Collection
from typing import Any

from graphql import GraphQLError, parse
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import BaseGraphQLTransportWSHandler
from strawberry.subscriptions.protocols.graphql_ws.handlers import BaseGraphQLWSHandler
from strawberry.types.execution import ExecutionResult, PreExecutionError
from strawberry.utils.aio import aclosing

from service.errors import ServiceError
from service.graphql.cost import parsed
from service.graphql.endpoint import NOT_A_SUBSCRIPTION
from service.graphql.errors import shaped
from service.storage.errors import StoreError

Admission = Callable[..., dict[str, Any]]  # GraphQLPost.admitted(data, socket=True)

REVOKED = ServiceError("UNAUTHENTICATED", "the token of this subscription was revoked: the subscription has ended",
                       "توکن این اشتراک باطل شده است؛ اشتراک پایان یافت", status=401)  # fmt: skip
NOT_AN_OPERATION = ServiceError(
    "BAD_REQUEST", "a subscribe message carries query (a string), and optionally operationName (a string) and variables (an object)",
    "پیام اشتراک باید query (رشته) و در صورت نیاز operationName (رشته) و variables (شیء) داشته باشد",
)  # fmt: skip


def _error(problem: Exception) -> GraphQLError:
    if isinstance(problem, GraphQLError):  # the document's own: said where, in both languages
        return shaped(problem)
    return shaped(GraphQLError(str(problem), original_error=problem))


async def _refusing(problem: Exception) -> AsyncGenerator[Any, None]:
    yield PreExecutionError(data=None, errors=[_error(problem)])


class Operations:
    """The schema as the socket's handlers see it: ``stream`` (graphql-transport-ws) and ``subscribe``
    (graphql-ws) run one subscription with its own context; the rest is the schema's."""

    def __init__(self, schema: Any, admission: Admission | None, max_tokens: int | None = None) -> None:
        self._schema = schema
        self._admission = admission
        self._max_tokens = max_tokens

    def __getattr__(self, name: str) -> Any:
        return getattr(self._schema, name)

    async def stream(self, query: Any, variable_values: Any = None, context_value: Any = None,
                     root_value: Any = None, operation_name: Any = None, **_: Any) -> AsyncIterator[Any]:  # fmt: skip
        return await self.subscribe(query, variable_values, context_value, root_value, operation_name)

    async def subscribe(self, query: Any, variable_values: Any = None, context_value: Any = None,
                        root_value: Any = None, operation_name: Any = None) -> AsyncIterator[Any]:  # fmt: skip
        if (not isinstance(query, str) or not isinstance(operation_name, (str, type(None)))
                or not isinstance(variable_values, (dict, type(None)))):  # fmt: skip
            return _refusing(NOT_AN_OPERATION)
        if parsed(query, self._max_tokens) is None:  # up to the token limit (strawberry's own refusal of a
            try:  # longer one was a bare "complete"), kept for the admission's look; the parser says why
                parse(query, max_tokens=self._max_tokens)
            except GraphQLError as exc:
                return _refusing(exc)
        try:
            if not await context_value.still_allowed():  # a revoked token subscribes to nothing more
                return _refusing(REVOKED)
            if self._admission is None:  # the app always gives one: without it nothing is admitted
                raise NOT_A_SUBSCRIPTION
            self._admission({"query": query, "variables": variable_values, "operationName": operation_name}, socket=True)
        except (ServiceError, StoreError) as exc:  # not a subscription, over the cost limit, the store out
            return _refusing(exc)
        context = context_value.for_operation()
        source = await self._schema.subscribe(query, variable_values=variable_values, context_value=context,
                                              root_value=root_value, operation_name=operation_name)  # fmt: skip
        return _checked(source, context)


async def _checked(source: AsyncIterator[Any], context: Any) -> AsyncGenerator[Any, None]:
    """The subscription's results, errors shaped as HTTP's are (a code, Persian and English, nothing
    internal), each event sent only while its reader's token still stands."""
    async with aclosing(source):
        async for result in source:
            if not isinstance(result, PreExecutionError):
                try:
                    allowed = await context.still_allowed()
                except StoreError as exc:  # told, not ended in silence
                    yield ExecutionResult(data=None, errors=[_error(exc)])
                    return
                if not allowed:
                    yield ExecutionResult(data=None, errors=[_error(REVOKED)])
                    return
            if result.errors:
                result.errors = [shaped(e) for e in result.errors]
            yield result


def _past_limit(handler: Any, held: Collection[str], ident: str) -> GraphQLError | None:
    """The refusal of one subscription more than the socket may hold, in both languages (strawberry's
    own words are English, with no code); None while there is room."""
    limit = handler.max_subscriptions_per_connection
    if not handler.connection_acknowledged or limit is None or len(held) < limit or ident in held:
        return None
    return _error(ServiceError("TOO_MANY_SUBSCRIPTIONS", f"this socket already holds {limit} subscriptions: end one first",
                               f"این وب‌سوکت هم‌اکنون {limit} اشتراک دارد؛ نخست یکی را پایان دهید", status=429))  # fmt: skip


def _operations(handler: Any) -> Operations:
    """The handler's schema behind the router's admission and token limit."""
    return Operations(handler.schema, getattr(handler.view, "admission", None), getattr(handler.view, "max_tokens", None))


class TransportWSHandler(BaseGraphQLTransportWSHandler[Any, Any]):
    """graphql-transport-ws over ``Operations``, within the socket's limit."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.schema = _operations(self)  # type: ignore[assignment]

    async def handle_subscribe(self, message: Any) -> None:
        if (refused := _past_limit(self, self.operations, message["id"])) is not None:
            await self.send_message({"id": message["id"], "type": "error", "payload": [refused.formatted]})
            return
        await super().handle_subscribe(message)


class LegacyWSHandler(BaseGraphQLWSHandler[Any, Any]):
    """graphql-ws (Apollo's older protocol) over ``Operations``, within the same limit."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.schema = _operations(self)  # type: ignore[assignment]

    async def handle_start(self, message: Any) -> None:
        if (refused := _past_limit(self, self.tasks, message["id"])) is not None:
            await self.send_message({"type": "error", "id": message["id"], "payload": refused.formatted})
            return
        await super().handle_start(message)
