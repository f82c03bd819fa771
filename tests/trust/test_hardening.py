"""A hardened endpoint: document limits, body caps, masked internals, production switches."""

from __future__ import annotations

from pathlib import Path

import httpx
from graphql import GraphQLError
from pydantic import SecretStr

from service.graphql.errors import shaped
from service.settings import Settings
from tests.conftest import GraphQL, LiveServer, make_token


def test_deep_documents_are_refused(registry: GraphQL) -> None:
    deep = "{ agencies { nodes { " + "parent { " * 14 + "id" + " }" * 14 + " } } }"
    errors = registry.errors(deep)
    assert "depth" in errors[0]["message"]


def test_alias_floods_are_refused(registry: GraphQL) -> None:
    aliases = " ".join(f"a{i}: agencies {{ totalCount }}" for i in range(40))
    assert registry.errors("{ " + aliases + " }")[0]["extensions"]["code"] == "BAD_REQUEST"


def test_token_floods_are_refused(registry: GraphQL) -> None:
    fields = " ".join("__typename" for _ in range(5000))
    assert registry.errors("{ " + fields + " }")[0]["extensions"]["code"] == "BAD_REQUEST"


def test_oversized_bodies_are_refused_before_parsing(registry: GraphQL) -> None:
    big = {"query": "{ __typename }", "variables": {"pad": "x" * 1_200_000}}
    response = registry.client.post("/graphql", json=big, headers=registry.headers)
    assert response.status_code == 413 and response.json()["error"]["code"] == "PAYLOAD_TOO_LARGE"


def test_internal_errors_are_masked() -> None:
    error = GraphQLError("boom", original_error=RuntimeError("secret path /etc/passwd"))
    out = shaped(error)
    assert out.message == "internal error" and out.extensions["code"] == "INTERNAL"
    assert "secret" not in str(out.formatted)


def test_production_turns_off_introspection_graphiql_and_docs(tmp_path: Path) -> None:
    settings = Settings(env="production", data_dir=tmp_path, graph_name="prod", portal_secret=SecretStr("p" * 40))
    with LiveServer(settings) as live, httpx.Client(base_url=live.url) as client:
        token = make_token(settings, "directorate")
        auth = {"Authorization": f"Bearer {token}"}
        introspect = client.post("/graphql", json={"query": "{ __schema { types { name } } }"}, headers=auth).json()
        assert introspect["errors"] and introspect["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
        assert client.get("/graphql", headers={"Accept": "text/html"}).status_code in (404, 405, 400)
        assert client.get("/docs").status_code == 404 and client.get("/openapi.json").status_code == 404
        plain = client.post("/graphql", json={"query": "{ me { role } }"}, headers=auth).json()
        assert plain == {"data": {"me": {"role": "directorate"}}}  # no storeQueries counter either


def test_graphiql_page_opens_without_a_token_outside_production(registry: GraphQL) -> None:
    page = registry.client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()
    sneaky = registry.client.get("/graphql", params={"query": "{ me { role } }"}, headers={"Accept": "text/html"})
    assert sneaky.status_code == 401  # a query in the page request still needs a token
