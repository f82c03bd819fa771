"""Shape every GraphQL error: a machine code and Persian/English messages; internals masked."""

import json
import logging
import re
from typing import Any

from cross_web import HTTPException
from fastapi import Request, Response
from fastapi.responses import HTMLResponse
from graphql import GraphQLError
from pydantic import ValidationError
from strawberry.extensions import SchemaExtension
from strawberry.fastapi import GraphQLRouter
from strawberry.http import GraphQLHTTPResponse
from strawberry.types.execution import ExecutionResult

from service.errors import ServiceError, from_store, from_validation
from service.graphql.refusals import document_error, refused
from service.io import safejson
from service.replies import dumps
from service.storage.errors import StoreError

log = logging.getLogger(__name__)


def _service_error(error: GraphQLError) -> ServiceError:
    original = error.original_error
    if isinstance(original, ServiceError):
        return original
    if isinstance(original, ValidationError):
        return from_validation(original)
    if isinstance(original, StoreError):
        return from_store(original)
    if original is None:  # the document itself is wrong: parse or validation error
        return document_error(error)
    if error.path is None and isinstance(original, (GraphQLError, ValueError, TypeError)):
        # a value that cannot be coerced (NaN for a Float, "1.5" for Rials, an unknown enum value),
        # in a variable or a literal: the client's input, not the server's fault
        return coercion_error(error.message, _literal_field(error))
    return ServiceError("INTERNAL", "internal error", "خطای داخلی", status=500)


_SUGGESTION = re.compile(r" ?Did you mean [^?]*\?")  # names never hold "?"; "Found: ..." may follow


def without_suggestions(message: str) -> str:
    """graphql-core's message less its "Did you mean 'nodes'?" (fields, arguments, types, enum values)."""
    return _SUGGESTION.sub("", message)


def log_error(error: GraphQLError) -> None:
    """One line for what the client caused (a refusal, a bad document: INFO; an unavailable store:
    WARNING); the traceback only for INTERNAL, where someone has to read it."""
    problem = _service_error(error)
    where = ".".join(str(p) for p in error.path) if error.path else "document"
    if problem.code == "INTERNAL":
        log.error("INTERNAL at %s: %s", where, error.message, exc_info=error.original_error)
    elif problem.status >= 500:
        log.warning("%s at %s: %s", problem.code, where, problem.message_en)
    else:
        log.info("%s at %s: %s", problem.code, where, problem.message_en.splitlines()[0] if problem.message_en else "")


_VARIABLE_AT = re.compile(r"at '[^'.]+\.([^']+)'|Variable '\$([^']+)'")


_FIELD_BEFORE = re.compile(r"(\w+)\s*:\s*$")


def _literal_field(error: GraphQLError) -> str | None:
    """The input field a bad literal was given for: the name before the ``:`` in the document."""
    if error.source is None or not error.positions:
        return None
    at = next(iter(error.positions))
    found = _FIELD_BEFORE.search(error.source.body[max(0, at - 200) : at])
    return found.group(1) if found else None


def coercion_error(message: str, field: str | None = None) -> ServiceError:
    """VALIDATION naming the value at fault, from graphql-core's own message (which names a variable's path)."""
    found = _VARIABLE_AT.search(message)
    field = (found.group(1) or found.group(2)) if found else field
    where = f" ({field})" if field else ""
    return ServiceError("VALIDATION", message, f"مقدار ورودی{where} از نوع خواسته‌شده نیست: " + message, field=field)


def shaped(error: GraphQLError) -> GraphQLError:
    problem = _service_error(error)
    message = error.message if problem.code == "BAD_REQUEST" else problem.message_en
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None,
        extensions=problem.extensions,
    )


def store_was_out(response_data: Any) -> bool:
    """A store outage is a 503 whatever part of the operation met it (the token check, now
    usually answered from memory, used to meet it first), so clients and balancers retry."""
    errors = response_data.get("errors") if isinstance(response_data, dict) else None
    return bool(errors) and any((e.get("extensions") or {}).get("code") == "STORE_UNAVAILABLE" for e in errors or ())


class ShapedGraphQLRouter(GraphQLRouter):
    """GET /graphql (queries in the URL, the GraphiQL page); POST has its own route
    (``service.graphql.endpoint``). Errors are shaped the same way on both."""

    def decode_json(self, data: str | bytes) -> object:
        """Variables and extensions in the URL, read as POST bodies are (``service.io.safejson``):
        3,000 ``[`` in ``variables`` was a 500 (RecursionError)."""
        try:
            return safejson.loads(data)
        except safejson.JsonRefused as exc:
            if exc.syntax:
                raise json.JSONDecodeError(exc.message_en, str(data)[:80], 0) from None
            raise ServiceError("VALIDATION", f"variables refused: {exc.message_en}",
                               f"متغیرها پذیرفته نشد: {exc.message_fa}", field="variables") from None  # fmt: skip

    async def run(self, *args: Any, **kwargs: Any) -> Any:
        """Strawberry's refusals (bad ``variables`` JSON, a mutation over GET) as GraphQL error
        bodies in Persian and English, like POST's, instead of its plain-text English."""
        try:
            return await super().run(*args, **kwargs)
        except HTTPException as exc:
            raise refused(exc.reason, exc.status_code) from None

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        if result.errors:
            result.errors = [shaped(e) for e in result.errors]
        return await super().process_result(request, result)

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        """GraphiQL from this service's own files (strawberry's page loads it from unpkg)."""
        from service.api.ide import graphiql_page

        return graphiql_page()

    def encode_json(self, data: object) -> bytes:
        return dumps(data)

    def create_response(self, response_data: Any, sub_response: Response) -> Response:
        if store_was_out(response_data):
            sub_response.status_code = 503
        return super().create_response(response_data, sub_response)


class StoreQueryCount(SchemaExtension):
    """Reports how many store statements the operation ran, and in how many round trips (statements
    sent together by ``read_many`` are one): development and tests only."""

    def get_results(self) -> dict[str, int]:
        context = self.execution_context.context
        counter = getattr(context, "counter", None)
        return {"storeQueries": counter.count, "storeRoundTrips": counter.round_trips} if counter is not None else {}
