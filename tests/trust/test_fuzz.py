"""Fuzz the GraphQL endpoint with schemathesis (its GraphQL support): no 5xx, no hang.

Documents are generated from the schema itself, for every query and mutation field, and sent
over HTTP to the live app with a directorate token, so they reach the resolvers and the store.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from service.graphql.schema import build_schema
from service.settings import Settings
from tests.conftest import LiveServer, make_token

schema = schemathesis.graphql.from_dict(build_schema(Settings(env="test")).introspect())


@pytest.fixture(scope="module")
def target(live: LiveServer, settings: Settings) -> Iterator[tuple[str, str]]:
    from tests.conftest import _reset

    _reset(settings, with_demo=True)
    yield live.url + "/graphql", make_token(settings, "directorate")


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors_and_no_hangs(case: schemathesis.Case, target: tuple[str, str]) -> None:
    url, token = target
    response = case.call(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert response.status_code < 500, response.text[:500]
    body = response.json()
    for error in body.get("errors") or []:
        assert error["extensions"]["code"] != "INTERNAL", error
