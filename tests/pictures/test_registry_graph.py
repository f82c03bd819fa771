"""The graph behind the pages: filters keep what they say, big graphs fold into agency kinds."""

from __future__ import annotations

import json
from pathlib import Path

from service.analysis.snapshot import Snapshot
from service.pictures import registry_graph
from service.pictures.registry_graph import GraphFilter
from service.text.jalali import parse_date

DEMO = json.loads((Path(__file__).resolve().parents[2] / "service/data/demo.json").read_text(encoding="utf-8"))


def _snapshot() -> Snapshot:
    rows = {"agency": DEMO["agencies"], "duty": DEMO["duties"], "capacity": DEMO["capacities"], "need": DEMO["needs"],
            "issue": DEMO["issues"], "exchange": DEMO["exchanges"], "request": DEMO["requests"],
            "working_group": DEMO["workingGroups"]}  # fmt: skip
    for key, field in (("exchange", "date"), ("issue", "raisedOn"), ("request", "filedOn")):
        for x in rows[key]:
            if x.get(field):
                x[field] = parse_date(x[field]).isoformat()
    return Snapshot(rows=rows)


def test_filters() -> None:
    g = registry_graph.build(_snapshot())
    financial = registry_graph.apply(g, GraphFilter(exchange_kind="financial"))
    kinds = {d.get("exchange_kind") for _, d in financial.nodes(data=True) if d["type"] == "Exchange"}
    assert kinds == {"financial"}
    y1403 = registry_graph.apply(g, GraphFilter(year_from=1403, year_to=1403))
    dates = [d["date"] for _, d in y1403.nodes(data=True) if d["type"] == "Exchange"]
    assert dates and all("2024-03-20" <= x <= "2025-03-20" for x in dates)
    districts = registry_graph.apply(g, GraphFilter(kind="district"))
    assert {d.get("kind") for _, d in districts.nodes(data=True) if d["type"] == "Agency"} == {"district"}


def test_big_graphs_fold_into_agency_kinds() -> None:
    g = registry_graph.build(_snapshot())
    folded = registry_graph.cluster_by_kind(g)
    agencies_by_kind: dict[str, int] = {}
    for a in DEMO["agencies"]:
        agencies_by_kind[a["kind"]] = agencies_by_kind.get(a["kind"], 0) + 1
    assert {n: d["size"] for n, d in folded.nodes(data=True)} == {f"kind:{k}": v for k, v in agencies_by_kind.items()}
    assert folded.number_of_nodes() < 15 and folded.number_of_edges() > 0


def test_an_invented_body_says_so_in_its_side_panel_and_a_real_one_does_not() -> None:
    g = registry_graph.build(_snapshot())
    assert ("یادداشت", "نام ساختگی") in g.nodes["ag-kbf-abnegar"]["fields"]
    assert "نام ساختگی" in g.nodes["ag-kbf-abnegar"]["title"]  # the hover text too
    assert all(k != "یادداشت" for k, _ in g.nodes["ag-abfa"]["fields"])
