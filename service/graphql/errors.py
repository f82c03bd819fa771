"""Shape every GraphQL error: a machine code and Persian/English messages; internals masked."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql import GraphQLError
from pydantic import ValidationError
from strawberry.extensions import SchemaExtension

from service.errors import ServiceError, from_store, from_validation
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
        return ServiceError("BAD_REQUEST", error.message, "درخواست GraphQL نادرست است: " + error.message)
    log.error("unexpected error in a resolver", exc_info=original)
    return ServiceError("INTERNAL", "internal error", "خطای داخلی", status=500)


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


class ErrorShaping(SchemaExtension):
    """Runs after execution: replaces raw errors with shaped ones (no stack traces leave)."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [shaped(e) for e in result.errors]
        errors = self.execution_context.pre_execution_errors
        if errors:
            self.execution_context.pre_execution_errors = [shaped(e) for e in errors]


class StoreQueryCount(SchemaExtension):
    """Reports how many store statements the operation ran (development and tests only)."""

    def get_results(self) -> dict[str, int]:
        context = self.execution_context.context
        counter = getattr(context, "counter", None)
        return {"storeQueries": counter.count} if counter is not None else {}
