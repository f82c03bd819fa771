"""GraphML and GEXF: networkx reads them back, and GraphML/GEXF import back without loss."""

from __future__ import annotations

import io
import json

import networkx as nx

from service.interop.graphfiles import TYPES
from service.settings import Settings
from tests.conftest import GraphQL
from tests.interop.helpers import by_id, empty_registry, registry_bundle, upload

EDGE_TYPES = {"PART_OF", "HAS_DUTY", "OFFERS", "NEEDS", "RAISED", "CONCERNS", "BLOCKS", "GAVE", "TO", "SERVES", "SENT",
              "ADDRESSED_TO", "ABOUT", "MEMBER_OF", "COORDINATES"}  # fmt: skip


def test_graphml_and_gexf_keep_types_names_and_amounts(demo: GraphQL) -> None:
    bundle = registry_bundle(demo)
    records = {r["id"]: (section, r) for section, rows in bundle.items() for r in rows}
    graphml = demo.get("/interop/export.graphml")
    assert graphml.status_code == 200 and graphml.headers["content-type"].startswith("application/graphml+xml")
    gexf = demo.get("/interop/export.gexf")
    assert gexf.status_code == 200
    for graph, edge_type in ((nx.read_graphml(io.BytesIO(graphml.content), force_multigraph=True), "type"),
                             (nx.read_gexf(io.BytesIO(gexf.content)), "label")):  # fmt: skip
        assert set(graph.nodes) == set(records)
        for node, data in graph.nodes(data=True):
            section, row = records[node]
            assert data["type"] == TYPES[section] and data["label"] == row.get("nameFa", row.get("titleFa", row.get("subject")))
            assert data.get("nameEn") == row.get("nameEn", row.get("titleEn"))
        assert {d[edge_type] for _, _, d in graph.edges(data=True)} == EDGE_TYPES
        for x in bundle["exchanges"]:
            gave = [d for _, _, d in graph.in_edges(x["id"], data=True) if d[edge_type] == "GAVE"]
            assert len(gave) == 1 and gave[0].get("amountRials") == x.get("amountRials")
        duty = next(d for d in bundle["duties"] if d.get("beneficiaries"))
        assert json.loads(graph.nodes[duty["id"]]["beneficiaries"]) == duty["beneficiaries"]  # lists as JSON text


def _round_trip(demo: GraphQL, settings: Settings, fmt: str) -> None:
    before = registry_bundle(demo)
    data = demo.get(f"/interop/export.{fmt}").content
    status, body = upload(demo, f"registry.{fmt}", data)
    assert status == 422 and {p["column"] for p in body["problems"]} == {"id"}  # all of it is there already
    empty_registry(demo, settings)
    status, body = upload(demo, f"registry.{fmt}", data)
    assert status == 200, body
    assert body["counts"] == {section: len(rows) for section, rows in before.items()}
    assert by_id(registry_bundle(demo)) == by_id(before)


def test_graphml_round_trip_keeps_every_record_and_relation(demo: GraphQL, settings: Settings) -> None:
    _round_trip(demo, settings, "graphml")


def test_gexf_round_trip_keeps_every_record_and_relation(demo: GraphQL, settings: Settings) -> None:
    _round_trip(demo, settings, "gexf")


def test_a_filtered_view_imports_on_its_own(demo: GraphQL, settings: Settings) -> None:
    view = demo.get("/interop/export.graphml", params={"kind": "utility_company", "year_from": 1403})
    graph = nx.read_graphml(io.BytesIO(view.content), force_multigraph=True)
    assert 0 < graph.number_of_nodes() < sum(len(rows) for rows in registry_bundle(demo).values())
    empty_registry(demo, settings)
    status, body = upload(demo, "view.graphml", view.content)
    assert status == 200, body
    assert sum(body["counts"].values()) == graph.number_of_nodes()


def test_unreadable_graph_files_are_refused(registry: GraphQL) -> None:
    status, body = upload(registry, "broken.graphml", b"<graphml><graph><node id='x'>")
    assert status == 422 and body["problems"][0]["sheet"] == "graphml"
    alien = io.BytesIO()
    nx.write_graphml(nx.path_graph(3), alien)
    status, body = upload(registry, "alien.graphml", alien.getvalue())
    assert status == 422 and "unknown type" in body["problems"][0]["reason"]
    response = registry.post("/interop/import", files={"file": ("registry.xlsx", b"PK")})
    assert response.status_code == 415
