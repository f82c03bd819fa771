"""schema.graphql is exported from the code; this fails when someone forgot `make schema`."""

from __future__ import annotations

from pathlib import Path

from service.graphql.schema import schema

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema.graphql"


def test_schema_graphql_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8").strip() == schema.as_str().strip(), (
        "schema.graphql is stale: run `make schema`"
    )


def test_introspection_answers_every_type_without_errors() -> None:
    """Clients (GraphiQL, codegen, the fuzzer) read the schema this way: a required input field given
    a default of None once made three types answer "Invalid default value"."""
    from graphql import get_introspection_query

    result = schema.execute_sync(get_introspection_query())
    assert not result.errors, result.errors
