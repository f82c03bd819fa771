"""Build the strawberry schema, with parser/validation caches and error shaping."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import ASTValidationRule
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

from service.graphql.errors import StoreQueryCount
from service.graphql.mutations import Mutation
from service.graphql.queries import Query
from service.graphql.types.common import DATETIME_SCALAR, RIALS_SCALAR, DateTime, Rials
from service.settings import Settings


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    """The schema with its guards: document depth, aliases and tokens are limited; production
    also turns introspection off and drops the per-request query counter."""
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
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        config=StrawberryConfig(auto_camel_case=True, scalar_map={Rials: RIALS_SCALAR, DateTime: DATETIME_SCALAR}),
    )


# The exported SDL (schema.graphql) comes from this instance: `strawberry export-schema service.graphql.schema:schema`.
schema = build_schema(Settings(env="development"))
