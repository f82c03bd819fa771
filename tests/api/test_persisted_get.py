"""Persisted queries and the cost limit over GET too (Apollo's ``useGETForHashedQueries``): a hash
in the URL runs the document POST or GET registered, an unknown one asks for the document, a
browser's GET with a hash is an operation (not the GraphiQL page, and not run without a token),
and an expensive document in the URL is refused before it runs, as over POST."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from tests.conftest import GraphQL

QUERY = "query Few { agencies(first: 2) { nodes { id } } }"
ASK = {"persistedQuery": {"version": 1, "sha256Hash": hashlib.sha256(QUERY.encode()).hexdigest()}}
COSTLY = "{ agencies(first: 100) { nodes { requestsReceived { sender { duties { holders { code } supportAgencies { code } } } } } } }"


def _get(gql: GraphQL, params: dict[str, Any], status: int = 200, **headers: str) -> dict[str, Any]:
    query = {k: json.dumps(v) if isinstance(v, dict) else v for k, v in params.items()}
    response = gql.client.get("/graphql", params=query, headers={**gql.headers, **headers})
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json"), response.text[:200]
    return dict(response.json())


def test_a_hash_over_get_asks_then_runs_what_post_or_get_registered(demo: GraphQL) -> None:
    first = _get(demo, {"extensions": ASK})
    assert first["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    sent = _get(demo, {"query": QUERY, "extensions": ASK})  # registered over GET
    assert len(sent["data"]["agencies"]["nodes"]) == 2
    assert _get(demo, {"extensions": ASK}) == sent
    other = "query Three { agencies(first: 3) { nodes { id } } }"
    ask = {"persistedQuery": {"version": 1, "sha256Hash": hashlib.sha256(other.encode()).hexdigest()}}
    assert demo.post("/graphql", json={"query": other, "extensions": ask}).status_code == 200  # registered over POST
    assert len(_get(demo, {"extensions": ask})["data"]["agencies"]["nodes"]) == 3
    wrong = _get(demo, {"query": QUERY + " ", "extensions": ASK}, 400)
    assert wrong["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_HASH_MISMATCH"


def test_a_browser_get_with_a_hash_is_an_operation_that_needs_a_token(demo: GraphQL) -> None:
    _get(demo, {"query": QUERY, "extensions": ASK})
    html = "text/html,application/xhtml+xml"
    assert _get(demo, {"extensions": ASK}, Accept=html)["data"]["agencies"]["nodes"]  # not the GraphiQL page
    anonymous = GraphQL(demo.client)
    refused = _get(anonymous, {"extensions": ASK}, 401, Accept=html)
    assert refused["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_the_cost_limit_refuses_an_expensive_get(demo: GraphQL) -> None:
    ext = _get(demo, {"query": COSTLY}, 400)["errors"][0]["extensions"]
    assert ext["code"] == "QUERY_TOO_COSTLY" and ext["details"]["estimatedRows"] > ext["details"]["limit"]
    assert "ردیف" in ext["messageFa"]
    assert _get(demo, {"query": "{ agencies(first: 5) { nodes { id } } }"})["data"]["agencies"]["nodes"]
