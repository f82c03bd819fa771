"""``POST /graphql``: one JSON operation, executed straight on the schema.

Strawberry's FastAPI router solves four dependencies, builds request adapters and a shared
"temporal" sub-response for every request; on a one-record lookup that was about 0.6 ms of 3.4 ms
over HTTP (bench). This route does the same work without them: read the body, make the context,
execute, shape the errors, answer (orjson, Persian unescaped). Its refusals are the router's, word for word (plain-text 400s),
and ``GET`` (queries in the URL, the GraphiQL page) stays on the router.
"""

from collections.abc import Awaitable, Callable
from typing import Any

from graphql import OperationType as OperationKind  # the document's (strawberry has an enum of its own)
from starlette.requests import Request
from starlette.responses import Response
from strawberry.exceptions import MissingQueryError
from strawberry.http import process_result
from strawberry.schema import BaseSchema
from strawberry.schema.exceptions import CannotGetOperationTypeError
from strawberry.types.execution import ExecutionResult
from strawberry.types.graphql import OperationType

from service.errors import ServiceError
from service.graphql.compiled import Plans, run_plan
from service.graphql.cost import check_cost, operation_type
from service.graphql.errors import shaped, store_was_out
from service.graphql.persisted import NOT_FOUND_BODY, PersistedQueries, PersistedQueryNotFound
from service.graphql.refusals import refused
from service.io import safejson
from service.replies import dumps

POST_OPERATIONS = OperationType.from_http("POST") - {OperationType.SUBSCRIPTION}
NOT_A_SUBSCRIPTION = ServiceError(
    "BAD_REQUEST", "only subscriptions run over the WebSocket: send queries and mutations to POST /graphql",
    "از راه وب‌سوکت فقط اشتراک (subscription) اجرا می‌شود؛ پرس‌وجو و تغییر را با POST به ‎/graphql بفرستید",
)  # fmt: skip
SUBSCRIPTION_OVER_HTTP = ServiceError(
    "BAD_REQUEST", "a subscription runs over the WebSocket at /graphql (graphql-transport-ws), not over HTTP",
    "اشتراک (subscription) از راه وب‌سوکت ‎/graphql اجرا می‌شود، نه با درخواست HTTP",
)  # fmt: skip


class Refused(Exception):
    """A request the router would have answered with a plain-text 400."""


def operation(body: bytes, content_type: str) -> dict[str, Any]:
    """The one operation in a JSON body, checked the way strawberry's router checks it."""
    if "application/json" not in content_type.partition(";")[0].lower():
        raise Refused("Unsupported content type")
    try:
        data = safejson.loads(body)
    except safejson.JsonRefused as exc:
        if exc.syntax:  # JSONDecodeError and undecodable bytes alike
            raise Refused("Unable to parse request body as JSON") from exc
        # NaN, Infinity, nesting past safejson.MAX_DEPTH (100k deep was a 500)
        raise ServiceError("VALIDATION", f"request body refused: {exc.message_en}",
                           f"بدنهٔ درخواست پذیرفته نشد: {exc.message_fa}", field="variables") from None  # fmt: skip
    if isinstance(data, list):
        raise Refused("Batching is not enabled")
    if not isinstance(data, dict):
        raise Refused("Unable to parse request body as JSON")
    for key, kind, what in (("query", str, "a string"), ("variables", dict, "an object"), ("extensions", dict, "an object")):
        if not isinstance(data.get(key), (kind, type(None))):
            raise Refused(f"The GraphQL operation's `{key}` must be {what} or null, if provided.")
    return data


def response_body(result: ExecutionResult) -> tuple[dict[str, Any], int]:
    """Shaped errors (codes, Persian and English messages, nothing internal), as the router's."""
    if result.errors:
        result.errors = [shaped(e) for e in result.errors]
    body = dict(process_result(result))
    return body, 503 if store_was_out(body) else 200


class GraphQLPost:
    """The route's endpoint (``handle``): ``context_getter`` raises ``ServiceError`` (401 and the like), which
    the app's exception handler answers in the GraphQL error shape."""

    def __init__(self, schema: BaseSchema, context_getter: Callable[[Request], Awaitable[Any]],
                 count_queries: bool = False, max_rows: int | None = None, default_first: int = 20,
                 max_tokens: int | None = None) -> None:  # fmt: skip
        self.schema = schema
        self.context_getter = context_getter
        self.persisted = PersistedQueries()
        self.max_rows = max_rows  # the cost limit (estimated rows); None: none
        self.default_first = default_first
        self.max_tokens = max_tokens  # the schema's token limit, for the parses before it runs
        self.plans = Plans(schema._schema)  # type: ignore[attr-defined]
        self.count_queries = count_queries  # the StoreQueryCount extension is on (not in production)
        self.compiled_answers = 0  # replies the compiled plans gave (tests check the path is taken)

    async def compiled(self, data: dict[str, Any], context: Any) -> ExecutionResult | None:
        """The compiled plan's answer (``service.graphql.compiled``), or None: the executor answers."""
        query, name = data.get("query"), data.get("operationName")
        if not isinstance(query, str) or data.get("extensions") or not isinstance(name, (str, type(None))):
            return None
        plan = self.plans.get(query, name)
        if plan is None:
            return None
        try:
            answer = await run_plan(plan, context, data.get("variables"))
        except Exception:  # noqa: BLE001 - Fallback or anything else: the executor decides, as before
            return None
        counter = context.counter
        extensions = {"storeQueries": counter.count, "storeRoundTrips": counter.round_trips} if self.count_queries else None
        self.compiled_answers += 1
        return ExecutionResult(data=answer, errors=None, extensions=extensions)

    def admitted(self, data: dict[str, Any], socket: bool = False) -> dict[str, Any]:
        """The operation to run: its document found by hash when persisted (then without the
        persistedQuery extension, so the compiled path may take it), of the kind its transport runs
        (subscriptions over the WebSocket only, and never over HTTP, where one ended as INTERNAL), and
        within the cost limit."""
        query = self.persisted.resolve(data)
        extensions = data.get("extensions")
        if extensions and "persistedQuery" in extensions:
            data = {**data, "query": query, "extensions": {k: v for k, v in extensions.items() if k != "persistedQuery"} or None}
        if isinstance(query, str):
            kind = operation_type(query, data.get("operationName"), self.max_tokens)
            if socket and kind is not None and kind != OperationKind.SUBSCRIPTION:
                raise NOT_A_SUBSCRIPTION
            if not socket and kind == OperationKind.SUBSCRIPTION:
                raise SUBSCRIPTION_OVER_HTTP
        if isinstance(query, str) and self.max_rows is not None:
            check_cost(self.schema._schema, query, data.get("variables"), data.get("operationName"),  # type: ignore[attr-defined]
                       self.default_first, self.max_rows, self.max_tokens)  # fmt: skip
        return data

    async def handle(self, request: Request) -> Response:
        context = await self.context_getter(request)
        try:
            data = operation(await request.body(), request.headers.get("content-type", ""))
            data = self.admitted(data)
            result = await self.compiled(data, context)
            if result is None:
                result = await self.execute(data, context)
        except Refused as exc:  # a GraphQL error body in Persian and English (service.graphql.refusals)
            raise refused(str(exc)) from None
        except PersistedQueryNotFound:
            return Response(dumps(NOT_FOUND_BODY), status_code=200, media_type="application/json")
        except MissingQueryError:
            raise refused("No GraphQL query found in the request") from None
        except CannotGetOperationTypeError as exc:
            raise refused(exc.as_http_error_reason()) from None
        body, status = response_body(result)
        return Response(dumps(body), status_code=status, media_type="application/json")

    async def execute(self, data: dict[str, Any], context: Any) -> ExecutionResult:
        """The executor; a text it answers without errors is then compiled, when it can be."""
        result = await self.schema.execute(
            data.get("query"),
            variable_values=data.get("variables"),
            context_value=context,
            operation_name=data.get("operationName"),
            allowed_operation_types=POST_OPERATIONS,
            operation_extensions=data.get("extensions"),
        )
        query, name = data.get("query"), data.get("operationName")
        if not result.errors and isinstance(query, str) and isinstance(name, (str, type(None))) \
                and not self.plans.known(query, name):  # fmt: skip
            self.plans.learn(query, name)
        return result
