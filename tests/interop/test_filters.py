"""filter_bundle: the graph pages' filters, on bundles, the same for every format."""

from __future__ import annotations

from service.analysis.snapshot import Snapshot
from service.interop.loader import RECORDS, filter_bundle, node_ids, parties
from service.pictures import registry_graph
from service.text.jalali import jalali_year
from tests.conftest import GraphQL
from tests.interop.helpers import Bundle, registry_bundle

KEYS = {"agencies": "agency", "duties": "duty", "capacities": "capacity", "needs": "need", "issues": "issue",
        "exchanges": "exchange", "requests": "request", "workingGroups": "working_group"}  # fmt: skip


def _records(bundle: Bundle) -> set[str]:
    return {r["id"] for s in RECORDS for r in bundle[s]}


def _agencies_resolve(view: Bundle) -> None:
    agencies = {a["id"] for a in view["agencies"]}
    for section in RECORDS:
        for row in view[section]:
            assert set(parties(section, row)) <= agencies, (section, row["id"])


def _graph_page(bundle: Bundle, **filters: object) -> set[str]:
    """The nodes the /graph page shows for the same filters."""
    snap = Snapshot(rows={KEYS[s]: rows for s, rows in bundle.items()})
    graph = registry_graph.apply(registry_graph.build(snap), registry_graph.GraphFilter(**filters))  # type: ignore[arg-type]
    return set(graph.nodes)


def test_filters_narrow_the_demo_like_the_graph_pages(demo: GraphQL) -> None:
    bundle = registry_bundle(demo)
    assert filter_bundle(bundle) is bundle  # no filter: the whole registry, untouched
    cases = [{"exchange_kind": "financial"}, {"year_from": 1402, "year_to": 1403}, {"kind": "utility_company"},
             {"function": "06"}, {"kind": "district", "year_from": 1403}, {"function": "05", "exchange_kind": "service"}]  # fmt: skip
    for filters in cases:
        view = filter_bundle(bundle, **filters)  # type: ignore[arg-type]
        _agencies_resolve(view)
        assert _records(view) == _graph_page(bundle, **filters) - {a["id"] for a in bundle["agencies"]}, filters
        assert _records(view) < _records(bundle), filters


def test_each_filter_keeps_what_it_says(demo: GraphQL) -> None:
    bundle = registry_bundle(demo)
    money = filter_bundle(bundle, exchange_kind="financial")
    assert money["exchanges"] and all(x["kind"] == "financial" for x in money["exchanges"])
    years = filter_bundle(bundle, year_from=1402, year_to=1402)
    assert years["exchanges"] and all(jalali_year(x["date"]) == 1402 for x in years["exchanges"])
    assert all(jalali_year(i["raisedOn"]) == 1402 for i in years["issues"] if i.get("raisedOn"))
    water = filter_bundle(bundle, function="06")
    assert water["duties"] and all(d["functionCode"].startswith("06") for d in water["duties"])
    utilities = {a["id"] for a in bundle["agencies"] if a["kind"] == "utility_company"}
    view = filter_bundle(bundle, kind="utility_company")
    for section in RECORDS:
        assert all(utilities & set(parties(section, r)) for r in view[section]), section


def test_agency_keeps_its_records_and_neighbours(demo: GraphQL) -> None:
    bundle = registry_bundle(demo)
    view = filter_bundle(bundle, agency="ag-abfa")
    for section in RECORDS:
        mine = {r["id"] for r in bundle[section] if "ag-abfa" in set(parties(section, r))}
        assert {r["id"] for r in view[section]} == mine, section
    agencies = {a["id"] for a in view["agencies"]}
    others = {p for s in RECORDS for r in view[s] for p in parties(s, r)} - {"ag-abfa"}
    assert "ag-abfa" in agencies and others and others <= agencies
    assert _records(view) == _graph_page(bundle, agency="ag-abfa") - {a["id"] for a in bundle["agencies"]}
    tree = filter_bundle(bundle, agency="ag-dep-services")
    children = {a["id"] for a in bundle["agencies"] if a.get("parentId") == "ag-dep-services"}
    assert children and children | {"ag-mm"} <= {a["id"] for a in tree["agencies"]}
    assert filter_bundle(bundle, agency="ag-abfa", kind="district")["agencies"] == []
    assert node_ids(view) <= node_ids(bundle)
