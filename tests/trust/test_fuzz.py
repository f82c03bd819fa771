"""Fuzz every way in with schemathesis and Hypothesis: no 5xx, no INTERNAL, no hang.

- GraphQL documents generated from the schema for every query and mutation field, sent with a
  directorate token and with an agency token (whose refusals take other paths through the policy);
- every REST route of the OpenAPI document (imports and exports, interop, analyses, pictures,
  health) with generated parameters and bodies, uploads included;
- malformed bodies no schema describes: JSON nested thousands deep, NaN and Infinity, arrays where
  objects belong, as GraphQL variables and as imported files (registry JSON, FtM lines);
- extreme values written straight into the store (dates no calendar shows, control characters,
  formula-like texts, huge or non-finite numbers) read back through the pages and exports.

Every test is derandomized (Hypothesis draws the same examples each run), so a failure reproduces;
each stays around 30 s or less on 2 cores.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, example, given, settings, strategies as st

from service.app import create_app
from service.graphql.schema import build_schema
from service.registry.backup import backup_lines, restore_lines
from service.settings import Settings
from service.storage.falkor import FalkorStore
from tests.conftest import LiveServer, _reset, make_token, run_on_store

graphql_schema = schemathesis.graphql.from_dict(build_schema(Settings(env="test")).introspect())
rest_schema = schemathesis.openapi.from_dict(create_app(Settings(env="test")).openapi())
SEEDED = {"deadline": None, "derandomize": True, "suppress_health_check": list(HealthCheck)}
AGENCY = "ag-abfa"


class Target:
    """The live app on the demo registry, a token per role, and the demo's backup (for restores)."""

    def __init__(self, live: LiveServer, app_settings: Settings) -> None:
        _reset(app_settings, with_demo=True)
        self.url = live.url
        self.settings = app_settings
        self.directorate = make_token(app_settings, "directorate")
        self.agency = make_token(app_settings, "agency", AGENCY)
        self.backup: list[str] = list(run_on_store(app_settings, backup_lines))

    def auth(self, role: str = "directorate") -> dict[str, str]:
        return {"Authorization": f"Bearer {getattr(self, role)}"}


@pytest.fixture(scope="module")
def target(live: LiveServer, settings: Settings) -> Iterator[Target]:
    yield Target(live, settings)


def no_server_error(response: Any) -> None:
    assert response.status_code < 500, (response.status_code, response.text[:500])
    kind = response.headers.get("content-type") or ""
    if (kind[0] if isinstance(kind, list) else kind).startswith("application/json"):  # schemathesis: a list
        body = response.json()
        for error in (body.get("errors") or []) if isinstance(body, dict) else []:
            assert error["extensions"]["code"] != "INTERNAL", error


@graphql_schema.parametrize()
@settings(max_examples=15, **SEEDED)
def test_graphql_as_the_directorate(case: schemathesis.Case, target: Target) -> None:
    no_server_error(case.call(base_url=target.url + "/graphql", headers=target.auth(), timeout=10))


@graphql_schema.parametrize()
@settings(max_examples=6, **SEEDED)
def test_graphql_as_an_agency(case: schemathesis.Case, target: Target) -> None:
    no_server_error(case.call(base_url=target.url + "/graphql", headers=target.auth("agency"), timeout=10))


@rest_schema.parametrize()
@settings(max_examples=12, **SEEDED)
def test_rest_routes(case: schemathesis.Case, target: Target) -> None:
    role = "agency" if case.path.startswith("/interop/catalogue") else "directorate"
    no_server_error(case.call(base_url=target.url, headers=target.auth(role), timeout=30))


# JSON no schema describes: any nesting (thousands deep too), NaN/Infinity, wrong shapes
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=20)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                      max_leaves=20)  # fmt: skip
deep = st.builds(lambda n, open_, close: open_ * n + close * n, st.integers(50, 20_000), st.just("["), st.just("]"))
CAPACITY = "mutation($input: CapacityInput!) { createCapacity(input: $input) { id titleFa quantity } }"


def as_json(value: Any) -> str:
    return json.dumps(value, allow_nan=True)  # NaN and Infinity go out as the bare words some clients send


@given(variables=values | st.fixed_dictionaries({"input": values}), nested=deep | st.just(""))
@settings(max_examples=60, **SEEDED)
def test_graphql_variables_of_any_shape(target: Target, variables: Any, nested: str) -> None:
    text = as_json(variables) if not nested else '{"input": ' + nested + "}"
    body = '{"query": ' + json.dumps(CAPACITY) + ', "variables": ' + text + "}"
    with httpx.Client(base_url=target.url, timeout=30) as client:
        no_server_error(client.post("/graphql", content=body, headers={**target.auth(), "Content-Type": "application/json"}))


@given(document=values | st.dictionaries(st.sampled_from(["agencies", "capacities", "requests", "x"]), values, max_size=3),
       nested=deep | st.just(""), route=st.sampled_from(["registry.json", "interop.ftm.json"]))  # fmt: skip
@settings(max_examples=60, **SEEDED)
def test_imported_json_of_any_shape(target: Target, document: Any, nested: str, route: str) -> None:
    data = (nested or as_json(document)).encode()
    path, name = ("/registry/import", "x.json") if route == "registry.json" else ("/interop/import", "x.ftm.json")
    with httpx.Client(base_url=target.url, timeout=30) as client:
        response = client.post(path, files={"file": (name, data)}, headers=target.auth())
    no_server_error(response)
    assert response.status_code in (200, 413, 415, 422), (response.status_code, response.text[:300])


# extreme stored values: what an older version, a restore or another writer may have left behind
dates = st.dates().map(str) | st.text(max_size=12) | st.sampled_from(["9999-12-31", "0001-01-01", "1403/02/15"])
texts = st.text(st.characters(codec="utf-8"), max_size=30) | st.sampled_from(["=1+1", "@x", "-2", "\t=x", "\x07", ""])
numbers = st.integers(-(2**62), 2**62) | st.floats(allow_nan=False, allow_infinity=False)
STORED_READS = ["/registry/export.json", "/registry/export.xlsx", f"/interop/catalogue/{AGENCY}.json",
                "/interop/export.ftm", "/interop/export.ocds?year_from=1400", "/interop/export.graphml",
                "/analyses/followup.csv", "/analyses/winwin.xlsx", "/graph?year_from=1400"]  # fmt: skip
READ_BACK = """{ requests(first: 100) { nodes { dueDate dueDateJalali filedOnJalali overdue subject } }
  capacities(first: 100) { nodes { titleFa availableFromJalali availableTo quantity } }
  exchanges(first: 100) { nodes { dateJalali jalaliYear amount titleFa } } stats { exchangeTotals { jalaliYear } } }"""


@given(due=dates, available=dates, exchanged=dates, title=texts, subject=texts, quantity=numbers)
@example(due="9999-12-31", available="junk", exchanged="0001-01-01", title="=1+1\x07", subject="@x", quantity=2**62)
@settings(max_examples=10, phases=[Phase.explicit, Phase.generate], **SEEDED)  # each example restores: no shrinking
def test_extreme_stored_values_read_back_everywhere(target: Target, due: str, available: str, exchanged: str,
                                                     title: str, subject: str, quantity: float) -> None:  # fmt: skip
    changes = {"rq-abfa-gis": {"dueDate": due, "subject": subject}, "ca-abfa-effluent": {"availableFrom": available,
               "titleFa": title, "quantity": quantity}, "ex-abfa-relocate-civil": {"date": exchanged}}  # fmt: skip

    async def rewrite(store: FalkorStore) -> None:
        lines = []
        for line in target.backup:
            item = json.loads(line)
            if "labels" in item and item["props"].get("id") in changes:
                item["props"].update(changes[item["props"]["id"]])
            lines.append(json.dumps(item, ensure_ascii=False))
        await store.wipe()
        await restore_lines(store, lines)

    run_on_store(target.settings, rewrite)
    with httpx.Client(base_url=target.url, timeout=60, headers=target.auth()) as client:
        no_server_error(client.post("/graphql", json={"query": READ_BACK}))
        for path in STORED_READS:
            no_server_error(client.get(path))
