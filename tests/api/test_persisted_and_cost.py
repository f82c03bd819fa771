"""Automatic persisted queries (hash -> document) and the query cost limit (estimated rows)."""

from __future__ import annotations

import hashlib
from typing import Any

from service.graphql.cost import LIST_FANOUT, estimated_rows
from service.graphql.schema import schema
from tests.conftest import GraphQL

QUERY = "query Count { agencies(first: 3) { totalCount nodes { id } } }"


def _post(gql: GraphQL, body: dict[str, Any], status: int = 200) -> dict[str, Any]:
    response = gql.post("/graphql", json=body)
    assert response.status_code == status, response.text
    return dict(response.json())


def test_a_hash_alone_runs_once_the_document_was_sent_with_it(demo: GraphQL) -> None:
    digest = hashlib.sha256(QUERY.encode()).hexdigest()
    ask = {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}}}
    first = _post(demo, ask)
    assert first["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    assert first["errors"][0]["message"] == "PersistedQueryNotFound"
    sent = _post(demo, {"query": QUERY, **ask})
    assert "errors" not in sent and len(sent["data"]["agencies"]["nodes"]) == 3
    again = _post(demo, ask)
    assert again == sent
    wrong = _post(demo, {"query": QUERY + " ", **ask}, 400)  # refused before it runs, as Apollo Server does
    assert wrong["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_HASH_MISMATCH"
    shouted = {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest.upper()}}}
    assert _post(demo, shouted) == sent  # hex in capitals names the same document (it was never found)


def test_estimates_multiply_pages_and_lists() -> None:
    gql = schema._schema
    assert estimated_rows(gql, "{ agencies(first: 10) { nodes { id code } } }", None, None, 20) == 10 + 10  # scalars: values of those rows
    nested = "query($n: Int) { agencies(first: $n) { nodes { duties { id } } } }"
    assert estimated_rows(gql, nested, {"n": 50}, None, 20) == 50 + 50 + 50 * LIST_FANOUT
    by_default = estimated_rows(gql, "{ agencies { nodes { id } } }", None, None, 20)
    assert by_default == 20 + 20  # the default page size


def test_an_expensive_document_is_refused_in_both_languages(demo: GraphQL) -> None:
    costly = """{ agencies(first: 100) { nodes { requestsReceived { sender { duties {
        holders { code } supportAgencies { code } } } } } } }"""
    errors = _post(demo, {"query": costly}, 400)["errors"]  # refused before it runs
    ext = errors[0]["extensions"]
    assert ext["code"] == "QUERY_TOO_COSTLY" and ext["details"]["estimatedRows"] > ext["details"]["limit"]
    assert "ردیف" in ext["messageFa"] and "rows" in ext["messageEn"]
    page = "{ agencies(first: 100) { nodes { code duties { id titleFa } requestsReceived { id status } } } }"
    assert demo.ok(page)["agencies"]["nodes"]  # an agency page with its lists stays under the limit
