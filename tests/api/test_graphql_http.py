"""GraphQL over HTTP: POST has its own lean route, GET stays on strawberry's router; a client must
not be able to tell, so both answer and refuse the same way."""

from __future__ import annotations

import re

import pytest

from tests.conftest import GraphQL

PERSIAN = re.compile(r"[\u0600-\u06ff]")
LOOKUP = "query One($id: ID!) { agency(id: $id) { id nameFa } }"


def _agency(registry: GraphQL) -> str:
    made = registry.ok(
        "mutation { createAgency(input: {code: \"HTTP-1\", nameFa: \"شهرداری منطقه ۱\", kind: NGO,"
        " level: EXTERNAL}) { id } }"
    )
    return str(made["createAgency"]["id"])


def test_post_and_get_give_the_same_answer(registry: GraphQL) -> None:
    ident = _agency(registry)
    posted = registry.client.post("/graphql", json={"query": LOOKUP, "variables": {"id": ident}}, headers=registry.headers)
    fetched = registry.get("/graphql", params={"query": LOOKUP, "variables": f'{{"id": "{ident}"}}'})
    assert posted.status_code == fetched.status_code == 200
    assert posted.headers["content-type"] == fetched.headers["content-type"] == "application/json"
    assert posted.json() == fetched.json()
    assert posted.json()["data"]["agency"] == {"id": ident, "nameFa": "شهرداری منطقه ۱"}


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        (b"query=%7B__typename%7D", "application/x-www-form-urlencoded", "Unsupported content type"),
        (b'{"query": "{ __typename }"', "application/json", "Unable to parse request body as JSON"),
        (b"\xff\xfe", "application/json", "Unable to parse request body as JSON"),
        (b'[{"query": "{ __typename }"}]', "application/json", "Batching is not enabled"),
        (b'{"query": 7}', "application/json", "The GraphQL operation's `query` must be a string or null, if provided."),
        (b'{"query": "{ __typename }", "variables": [1]}', "application/json",
         "The GraphQL operation's `variables` must be an object or null, if provided."),
        (b'{"variables": {}}', "application/json", "No GraphQL query found in the request"),
        (b'{"query": "query A { __typename }", "operationName": "B"}', "application/json",
         'Unknown operation named "B".'),
    ],
)  # fmt: skip
def test_malformed_posts_are_refused_in_json_with_persian(registry: GraphQL, body: bytes, content_type: str, reason: str) -> None:
    """The router's reasons, but as a GraphQL error body (it was plain English text): a code, the
    English reason, and a Persian sentence that is not the English wrapped."""
    response = registry.client.post("/graphql", content=body, headers={**registry.headers, "Content-Type": content_type})
    assert response.status_code == 400 and response.headers["content-type"] == "application/json"
    error = response.json()["errors"][0]
    assert error["message"] == reason and error["extensions"]["messageEn"] == reason
    assert error["extensions"]["code"] == "BAD_REQUEST"
    fa = error["extensions"]["messageFa"]
    assert PERSIAN.search(fa) and reason not in fa and not re.search(r"[A-Za-z]{4,} [A-Za-z]{4,}", fa), fa


def test_get_with_bad_variables_is_refused_in_json_with_persian(registry: GraphQL) -> None:
    response = registry.get("/graphql", params={"query": LOOKUP, "variables": '{"id": '})
    assert response.status_code == 400 and response.headers["content-type"] == "application/json"
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_REQUEST" and "JSON" in error["message"]
    assert PERSIAN.search(error["extensions"]["messageFa"]) and error["message"] not in error["extensions"]["messageFa"]


@pytest.mark.parametrize("method", ["post", "get"])
def test_a_syntax_error_says_so_in_a_persian_sentence(registry: GraphQL, method: str) -> None:
    query = "{ agency(id: \"x\") { id "
    if method == "post":
        response = registry.client.post("/graphql", json={"query": query}, headers=registry.headers)
    else:
        response = registry.get("/graphql", params={"query": query})
    error = response.json()["errors"][0]
    assert error["message"].startswith("Syntax Error") and error["extensions"]["code"] == "BAD_REQUEST"
    fa = error["extensions"]["messageFa"]
    assert "Syntax" not in fa and "دستور زبان" in fa and "سطر ۱" in fa, fa


def test_post_needs_a_token_and_says_why_in_both_languages(registry: GraphQL) -> None:
    response = registry.client.post("/graphql", json={"query": "{ __typename }"})
    assert response.status_code == 401
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "UNAUTHENTICATED" and error["extensions"]["messageFa"]


def test_execution_errors_are_shaped_on_post(registry: GraphQL) -> None:
    response = registry.client.post(
        "/graphql", json={"query": "{ agency(id: 1) { nope } }"}, headers=registry.headers
    )  # fmt: skip
    assert response.status_code == 200
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_REQUEST" and "nope" in error["message"]


def test_mutations_are_refused_over_get(registry: GraphQL) -> None:
    response = registry.get("/graphql", params={"query": 'mutation { archiveAgency(id: "x", version: 1) { id } }'})
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["message"] == "mutations are not allowed when using GET" and "POST" in error["extensions"]["messageFa"]


def test_a_missing_id_is_null_for_a_lookup_and_not_found_for_a_mutation(registry: GraphQL) -> None:
    """README's GraphQL section: the convention, checked on both routes."""
    looked = registry.client.post("/graphql", json={"query": LOOKUP, "variables": {"id": "ag-nowhere"}}, headers=registry.headers)
    assert looked.status_code == 200 and looked.json()["data"] == {"agency": None} and "errors" not in looked.json()
    fetched = registry.get("/graphql", params={"query": LOOKUP, "variables": '{"id": "ag-nowhere"}'})
    assert fetched.json()["data"] == {"agency": None} and "errors" not in fetched.json()
    changed = registry.client.post(
        "/graphql", json={"query": 'mutation { archiveAgency(id: "ag-nowhere") { id } }'}, headers=registry.headers
    )  # fmt: skip
    error = changed.json()["errors"][0]
    assert error["extensions"]["code"] == "NOT_FOUND" and "ag-nowhere" in error["extensions"]["messageEn"], error
    assert PERSIAN.search(error["extensions"]["messageFa"])
