"""The agreements list: filters (kind, status, party, Jalali year, text), sorting and pages, each
within the reader's view (a party filter never widens an agency's view)."""

from __future__ import annotations

from typing import Any

from tests.conftest import GraphQL

LIST = """query($f: AgreementFilter, $s: AgreementSort, $d: Boolean, $n: Int, $a: String) {
  agreements(filter: $f, sort: $s, desc: $d, first: $n, after: $a) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id value } } }"""


def ids(data: dict[str, Any]) -> list[str]:
    return [n["id"] for n in data["agreements"]["nodes"]]


def test_filters_sorts_and_pages(demo: GraphQL) -> None:
    every = demo.ok(LIST, n=100)["agreements"]
    assert every["totalCount"] == 16
    active = demo.ok(LIST, f={"status": "ACTIVE"}, n=100)
    assert active["agreements"]["totalCount"] == 7
    abfa = ids(demo.ok(LIST, f={"partyId": "ag-abfa"}, n=100))
    assert sorted(abfa) == sorted(["agr-demo-abfa-interchange", "agr-demo-fum-secretariat", "agr-demo-effluent-parks",
                                   "agr-demo-abnegar-leak", "agr-demo-abfa-ducts"])  # fmt: skip
    assert ids(demo.ok(LIST, f={"kind": "INNOVATIVE_CONTRACT", "jalaliYear": 1403})) == ["agr-demo-innov-abnegar"]
    assert ids(demo.ok(LIST, f={"q": "پساب"})) == ["agr-demo-effluent-parks"]
    by_value = demo.ok(LIST, s="VALUE", d=True, n=3)["agreements"]
    assert [n["value"] for n in by_value["nodes"]] == sorted([n["value"] for n in by_value["nodes"]], reverse=True)
    assert by_value["nodes"][0]["id"] == "agr-demo-green-parks" and by_value["pageInfo"]["hasNextPage"]
    second = demo.ok(LIST, s="VALUE", d=True, n=3, a=by_value["pageInfo"]["endCursor"])["agreements"]
    assert not set(ids({"agreements": second})) & set(ids({"agreements": by_value}))
    parks = demo.as_role("agency", "ag-parks")
    assert ids(parks.ok(LIST, f={"partyId": "ag-abfa"})) == ["agr-demo-effluent-parks"]  # its own only, whatever it asks
    assert parks.ok(LIST, f={"status": "SETTLED"})["agreements"]["totalCount"] == 0


def test_an_agencys_agreements_from_the_agency(demo: GraphQL) -> None:
    query = """{ agencies(filter: {q: "آب و فاضلاب مشهد"}) { nodes { id agreements { id status } } } }"""
    (abfa,) = demo.ok(query)["agencies"]["nodes"]
    assert len(abfa["agreements"]) == 5 and abfa["agreements"][0]["id"] == "agr-demo-abfa-ducts"  # the newest signed first
    parks = demo.as_role("agency", "ag-parks").ok(query)["agencies"]["nodes"][0]  # agencies are shared; agreements are not
    assert [a["id"] for a in parks["agreements"]] == ["agr-demo-effluent-parks"]


def test_an_agency_lookup_with_its_agreements_takes_the_full_path(demo: GraphQL) -> None:
    """``agency(id:)`` documents have a fast path (service/graphql/compiled.py); one asking for
    agreements is not one it compiles, and the executor answers it through the reader's view."""
    query = '{ agency(id: "ag-parks") { nameFa agreements { id kind } } }'
    found = demo.ok(query)["agency"]["agreements"]
    assert {a["id"] for a in found} == {"agr-demo-effluent-parks", "agr-demo-green-parks"}
    assert demo.ok(query)["agency"]["agreements"] == found  # the second time too (a compiled plan answers only after one)
    fire = demo.as_role("agency", "ag-fire").ok(query)["agency"]
    assert fire["agreements"] == [] and fire["nameFa"]
