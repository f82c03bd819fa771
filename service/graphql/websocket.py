"""GraphQL over a WebSocket (``/graphql``, ``graphql-transport-ws`` and ``graphql-ws``): subscriptions
only, each with a context of its own, its reader checked again before every event.

Strawberry makes one context per connection and hands it to every operation the connection sends.
Ours holds what belongs to one operation: the DataLoaders' rows and the fields each path of the
document reads. Shared, a second subscription on one socket read the first one's selection (fields
missing), rows stayed as first loaded for the connection's life, and the reader stayed the one of the
handshake, so a revoked token kept hearing of private requests. Queries and mutations sent over the
socket also skipped what HTTP admits them by (the cost limit). So each operation here gets a fresh
context for the same reader; queries and mutations are refused (they go to ``POST /graphql``); the
document passes the cost limit; and before each event the token is resolved again (from the app's
token cache, which a revocation empties).
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Callable
from typing import Any

from graphql import GraphQLError, OperationType, get_operation_ast, parse
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import BaseGraphQLTransportWSHandler
from strawberry.subscriptions.protocols.graphql_ws.handlers import BaseGraphQLWSHandler
from strawberry.types.execution import ExecutionResult, PreExecutionError
from strawberry.utils.aio import aclosing

from service.errors import ServiceError
from service.graphql.errors import shaped

Admission = Callable[[dict[str, Any]], dict[str, Any]]

NOT_A_SUBSCRIPTION = ServiceError(
    "BAD_REQUEST", "only subscriptions run over the WebSocket: send queries and mutations to POST /graphql",
    "از راه وب‌سوکت فقط اشتراک (subscription) اجرا می‌شود؛ پرس‌وجو و تغییر را با POST به ‎/graphql بفرستید",
)  # fmt: skip
REVOKED = ServiceError("UNAUTHENTICATED", "the token of this subscription was revoked: the subscription has ended",
                       "توکن این اشتراک باطل شده است؛ اشتراک پایان یافت", status=401)  # fmt: skip


def _error(problem: Exception) -> GraphQLError:
    return shaped(GraphQLError(str(problem), original_error=problem))


async def _refusing(problem: Exception) -> AsyncGenerator[Any, None]:
    yield PreExecutionError(data=None, errors=[_error(problem)])


def _not_a_subscription(query: Any, operation_name: str | None) -> bool:
    """A document naming a query or a mutation; one that does not parse is left to strawberry's own
    message (it says where)."""
    try:
        found = get_operation_ast(parse(query), operation_name)
    except (GraphQLError, TypeError):
        return False
    return found is not None and found.operation != OperationType.SUBSCRIPTION


class Operations:
    """The schema as the socket's handlers see it: ``stream`` (graphql-transport-ws) and ``subscribe``
    (graphql-ws) run one subscription with its own context; the rest is the schema's."""

    def __init__(self, schema: Any, admission: Admission | None) -> None:
        self._schema = schema
        self._admission = admission

    def __getattr__(self, name: str) -> Any:
        return getattr(self._schema, name)

    async def stream(self, query: Any, variable_values: dict[str, Any] | None = None, context_value: Any = None,
                     root_value: Any = None, operation_name: str | None = None, **_: Any) -> AsyncIterator[Any]:  # fmt: skip
        return await self.subscribe(query, variable_values, context_value, root_value, operation_name)

    async def subscribe(self, query: Any, variable_values: dict[str, Any] | None = None, context_value: Any = None,
                        root_value: Any = None, operation_name: str | None = None) -> AsyncIterator[Any]:  # fmt: skip
        if _not_a_subscription(query, operation_name):
            return _refusing(NOT_A_SUBSCRIPTION)
        if self._admission is not None and isinstance(query, str):
            try:
                self._admission({"query": query, "variables": variable_values, "operationName": operation_name})
            except ServiceError as exc:  # over the cost limit, as POST would say
                return _refusing(exc)
        context = context_value.for_operation() if hasattr(context_value, "for_operation") else context_value
        source = await self._schema.subscribe(query, variable_values=variable_values, context_value=context,
                                              root_value=root_value, operation_name=operation_name)  # fmt: skip
        return _checked(source, context)


async def _checked(source: AsyncIterator[Any], context: Any) -> AsyncGenerator[Any, None]:
    """The subscription's results, each event sent only while its reader's token still stands."""
    async with aclosing(source):
        async for result in source:
            if not isinstance(result, PreExecutionError) and not await context.still_allowed():
                yield ExecutionResult(data=None, errors=[_error(REVOKED)])
                return
            yield result


class TransportWSHandler(BaseGraphQLTransportWSHandler[Any, Any]):
    """graphql-transport-ws over ``Operations``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.schema = Operations(self.schema, getattr(self.view, "admission", None))  # type: ignore[assignment]


class LegacyWSHandler(BaseGraphQLWSHandler[Any, Any]):
    """graphql-ws (Apollo's older protocol) over ``Operations``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.schema = Operations(self.schema, getattr(self.view, "admission", None))  # type: ignore[assignment]
