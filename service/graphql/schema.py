"""Build the strawberry schema, with parser/validation caches and error shaping."""

from functools import cache
from typing import Any

import strawberry
from graphql import ASTValidationRule, GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxTokensLimiter,
    ParserCache,
    ValidationCache,
)  # fmt: skip
from strawberry.extensions.max_aliases import create_validator as alias_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from service.graphql.errors import StoreQueryCount, log_error, without_suggestions
from service.graphql.mutations import Mutation
from service.graphql.queries import Query
from service.graphql.subscriptions import Subscription
from service.graphql.types.common import DATETIME_SCALAR, RIALS_SCALAR, DateTime, Rials
from service.settings import Settings


class Schema(strawberry.Schema):
    """strawberry's schema with its error hook replaced. strawberry logs every error at ERROR with
    its cause's traceback (a FORBIDDEN or VERSION_CONFLICT wrote 24 lines); here a refusal is one
    line and only INTERNAL keeps a traceback (``log_error``). With ``hide_suggestions`` (production,
    beside introspection off) messages lose "Did you mean ...?", which would name fields and values."""

    hide_suggestions = False

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        for error in errors:
            if self.hide_suggestions:
                error.message = without_suggestions(error.message)
            log_error(error)


def build_schema(settings: Settings | None = None) -> Schema:
    """The schema with its guards: document depth, aliases and tokens are limited; production
    also turns introspection and suggestions off and drops the per-request query counter."""
    settings = settings or Settings()
    # The limit rules are made once: a new rule class per request would change the validation
    # cache's key every time, so every document would be validated again (seen in the benchmark).
    rules: list[type[ASTValidationRule]] = [depth_rule(settings.graphql_max_depth, None), alias_rule(settings.graphql_max_aliases)]
    extensions: list[Any] = [
        lambda: MaxTokensLimiter(max_token_count=settings.graphql_max_tokens),
        lambda: AddValidationRules(rules),
        lambda: ParserCache(maxsize=512),
        lambda: ValidationCache(maxsize=512),
    ]
    if settings.env == "production":
        extensions.append(DisableIntrospection)
    else:
        extensions.append(StoreQueryCount)
    schema = Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=extensions,
        config=StrawberryConfig(auto_camel_case=True, scalar_map={Rials: RIALS_SCALAR, DateTime: DATETIME_SCALAR}),
    )
    schema.hide_suggestions = settings.env == "production"
    return schema


@cache
def _development_schema() -> Schema:
    return build_schema(Settings(env="development"))


def __getattr__(name: str) -> Any:
    """``schema``: the instance the exported SDL (schema.graphql) comes from (`strawberry export-schema
    service.graphql.schema:schema`), built when first asked for. Built at import it cost every start
    0.19 s for a schema the service never serves (``create_app`` builds its own from its settings)."""
    if name == "schema":
        return _development_schema()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
