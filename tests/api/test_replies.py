"""Replies carry Persian as UTF-8, not ``\\uXXXX`` escapes (half the bytes), on every JSON route:
GraphQL over POST and GET, REST data and REST errors, each in its usual shape."""

from __future__ import annotations

import httpx

from tests.conftest import GraphQL

NAME = "شهرداری منطقهٔ ۷"
LOOKUP = "query One($id: ID!) { agency(id: $id) { id nameFa } }"


def _raw_persian(response: httpx.Response, text: str) -> None:
    assert response.headers["content-type"].startswith("application/json")
    assert text.encode("utf-8") in response.content  # the bytes themselves, as written
    assert b"\\u06" not in response.content  # no escaped Arabic-script letter anywhere


def test_graphql_replies_carry_raw_persian(registry: GraphQL) -> None:
    made = registry.ok(f'mutation {{ createAgency(input: {{code: "RAW-1", nameFa: "{NAME}", kind: NGO, level: EXTERNAL}}) {{ id }} }}')
    ident = made["createAgency"]["id"]
    posted = registry.client.post("/graphql", json={"query": LOOKUP, "variables": {"id": ident}}, headers=registry.headers)
    fetched = registry.get("/graphql", params={"query": LOOKUP, "variables": f'{{"id": "{ident}"}}'})
    for response in (posted, fetched):
        _raw_persian(response, NAME)
        assert response.json()["data"] == {"agency": {"id": ident, "nameFa": NAME}}
        assert b": " not in response.content and b", " not in response.content  # compact, as before


def test_graphql_errors_keep_their_shape_in_raw_persian(registry: GraphQL) -> None:
    bad = 'mutation { createAgency(input: {code: "", nameFa: "x", kind: NGO, level: EXTERNAL}) { id } }'
    response = registry.client.post("/graphql", json={"query": bad}, headers=registry.headers)
    error = response.json()["errors"][0]
    assert set(error) >= {"message", "extensions", "path"} and error["extensions"]["code"] == "VALIDATION"
    _raw_persian(response, error["extensions"]["messageFa"])
    missing = registry.client.post("/graphql", json={"query": "{ __typename }"})  # no token
    assert missing.status_code == 401
    error = missing.json()["errors"][0]
    assert set(error) == {"message", "extensions"} and error["extensions"]["code"] == "UNAUTHENTICATED"
    _raw_persian(missing, error["extensions"]["messageFa"])


def test_rest_errors_and_data_carry_raw_persian(registry: GraphQL) -> None:
    missing = registry.get("/analyses/nothing.json")
    assert missing.status_code == 404
    body = missing.json()
    assert set(body) == {"error", "message"} and body["error"]["code"] == "NOT_FOUND"
    _raw_persian(missing, body["error"]["messageFa"])
    registry.ok(f'mutation {{ createAgency(input: {{code: "RAW-2", nameFa: "{NAME}", kind: NGO, level: EXTERNAL}}) {{ id }} }}')
    catalogue = registry.get("/interop/catalogue.json")
    assert catalogue.status_code == 200
    _raw_persian(catalogue, NAME)
