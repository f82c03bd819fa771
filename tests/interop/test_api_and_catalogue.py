"""Who may export and import, the filters as query parameters, the CLI entry, the catalogues."""

from __future__ import annotations

import io
from typing import Any

import networkx as nx
import pytest

from service.interop.catalogue import FORMAT
from service.interop.exports import FORMATS, export_format
from service.interop.graphfiles import read_graphml
from service.settings import Settings
from tests.conftest import GraphQL, run_on_store
from tests.interop.helpers import by_id


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_downloads_for_analysts_and_not_for_agencies(demo: GraphQL, fmt: str) -> None:
    response = demo.as_role("analyst").get(f"/interop/export.{fmt}")
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    assert response.headers["content-type"].startswith(FORMATS[fmt].media_type)
    assert demo.as_role("agency", "ag-abfa").get(f"/interop/export.{fmt}").status_code == 403
    assert demo.client.get(f"/interop/export.{fmt}").status_code == 401


def test_filters_are_query_parameters(demo: GraphQL) -> None:
    whole = nx.read_graphml(io.BytesIO(demo.get("/interop/export.graphml").content))
    view = nx.read_graphml(io.BytesIO(demo.get("/interop/export.graphml", params={"agency": "ag-abfa"}).content))
    assert "ag-abfa" in view and view.number_of_nodes() < whole.number_of_nodes()
    assert demo.get("/interop/export.graphml", params={"agency": "ag-nowhere"}).status_code == 404
    assert demo.get("/interop/export.graphml", params={"kind": "castle"}).status_code == 422
    assert demo.get("/interop/export.graphml", params={"year_from": 99}).status_code == 422
    assert demo.get("/interop/export.xlsx").status_code == 422  # not one of the formats


def test_only_the_directorate_imports(demo: GraphQL) -> None:
    data = demo.get("/interop/export.graphml").content
    analyst = demo.as_role("analyst")
    assert analyst.post("/interop/import", files={"file": ("r.graphml", data)}).status_code == 403


def test_cli_entry_gives_what_the_api_gives(demo: GraphQL, settings: Settings) -> None:
    async def work(store: Any) -> Any:
        return await export_format(store, "graphml", agency="ag-abfa")

    from_cli = run_on_store(settings, work)
    from_api = demo.get("/interop/export.graphml", params={"agency": "ag-abfa"}).content
    assert isinstance(from_cli, bytes) and by_id(read_graphml(from_cli)) == by_id(read_graphml(from_api))
    with pytest.raises(ValueError):
        run_on_store(settings, lambda store: export_format(store, "xlsx"))


def test_catalogue_lists_an_agencys_services_and_duties(demo: GraphQL) -> None:
    agency = demo.as_role("agency", "ag-parks")  # capacities and duties are shared with agencies by default
    found = agency.get("/interop/catalogue/ag-abfa.json")
    assert found.status_code == 200
    body = found.json()
    assert body["format"] == FORMAT and body["provider"]["id"] == "ag-abfa" and body["provider"]["nameEn"]
    capacities = demo.ok('{ agency(id: "ag-abfa") { capacities { id } duties { id } } }')["agency"]
    assert {s["serviceCode"] for s in body["services"]} == {c["id"] for c in capacities["capacities"]}
    assert {d["serviceCode"] for d in body["duties"]} >= {d["id"] for d in capacities["duties"]}
    assert all(s["type"] == "capacity" and s["titleFa"] for s in body["services"])
    assert all(d["role"] in ("lead", "support") and d["functionFa"] for d in body["duties"])
    index = agency.get("/interop/catalogue.json").json()
    entry = next(e for e in index["agencies"] if e["id"] == "ag-abfa")
    assert entry["services"] == len(body["services"]) and entry["duties"] == len(body["duties"])
    assert agency.get(entry["href"]).status_code == 200
    assert agency.get("/interop/catalogue/ag-nowhere.json").status_code == 404
