"""Build the strawberry schema, with parser/validation caches and error shaping."""

from __future__ import annotations

import strawberry
from strawberry.extensions import ParserCache, ValidationCache
from strawberry.schema.config import StrawberryConfig

from service.graphql.errors import ErrorShaping, StoreQueryCount
from service.graphql.mutations import Mutation
from service.graphql.queries import Query
from service.graphql.types.common import RIALS_SCALAR, Rials


def build_schema(*, production: bool = False) -> strawberry.Schema:
    """The schema; production drops the query counter (introspection rules come with Trust)."""
    extensions: list = [ErrorShaping, lambda: ParserCache(maxsize=512), lambda: ValidationCache(maxsize=512)]
    if not production:
        extensions.append(StoreQueryCount)
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        config=StrawberryConfig(auto_camel_case=True, scalar_map={Rials: RIALS_SCALAR}),
    )


# The exported SDL (schema.graphql) comes from this instance: `strawberry export-schema service.graphql.schema:schema`.
schema = build_schema()
