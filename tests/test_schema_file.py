"""schema.graphql is exported from the code; this fails when someone forgot `make schema`."""

from __future__ import annotations

from pathlib import Path

from service.graphql.schema import schema

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema.graphql"


def test_schema_graphql_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8").strip() == schema.as_str().strip(), (
        "schema.graphql is stale: run `make schema`"
    )
