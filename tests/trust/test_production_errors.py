"""Production hides GraphQL's suggestions (issue 13 item 15): with introspection off, "Did you mean
'nodes'?" would still name the schema's fields, arguments, types and enum values one typo at a time."""

from __future__ import annotations

from pathlib import Path

import httpx
from pydantic import SecretStr

from service.settings import Settings
from tests.conftest import GraphQL, LiveServer, make_token

TYPOS = {
    "field": "{ agencies { nodez { id } } }",
    "argument": "{ agencies(frist: 1) { totalCount } }",
    "type": "query($f: AgencyFiltr) { agencies(filter: $f) { totalCount } }",
    "enum literal": "{ agencies(sort: NAMEE) { totalCount } }",
    "input field": '{ agencies(filter: {kindd: MUNICIPAL}) { totalCount } }',
}
ENUM_VARIABLE = 'query($k: AgencyKind) { agencies(filter: {kind: $k}) { totalCount } }'


def _messages(client: httpx.Client, token: str, query: str, **variables: object) -> str:
    body = client.post("/graphql", json={"query": query, "variables": variables}, headers={"Authorization": f"Bearer {token}"}).json()
    assert body.get("errors"), body
    return " ".join(e["message"] + " " + e["extensions"].get("messageFa", "") for e in body["errors"])


def test_development_suggests(registry: GraphQL) -> None:
    assert registry.token is not None
    for name, query in TYPOS.items():
        assert "Did you mean" in _messages(registry.client, registry.token, query), name
    assert "Did you mean" in _messages(registry.client, registry.token, ENUM_VARIABLE, k="DISTRIC")


def test_production_does_not_suggest(tmp_path: Path) -> None:
    settings = Settings(env="production", data_dir=tmp_path, graph_name="prod", portal_secret=SecretStr("p" * 40))
    with LiveServer(settings) as live, httpx.Client(base_url=live.url, timeout=30) as client:
        token = make_token(settings, "directorate")
        for name, query in TYPOS.items():
            text = _messages(client, token, query)
            assert "Did you mean" not in text and "nodes" not in text, (name, text)
        text = _messages(client, token, ENUM_VARIABLE, k="DISTRIC")
        assert "Did you mean" not in text and "DISTRICT" not in text, text
        assert "Cannot query field 'nodez' on type 'AgencyConnection'." in _messages(client, token, TYPOS["field"])
