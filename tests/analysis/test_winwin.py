"""Win-win: matches, the reciprocal pair and the three-agency cycle are found and chosen exactly."""

from __future__ import annotations

from service.analysis.snapshot import Snapshot
from service.analysis.winwin import Match, Opportunity, _choose, analyse_winwin
from service.settings import WinWinParams
from tests.conftest import GraphQL

REPORT = """{ analyses { winWin {
  reciprocalPairs { id agencyIds chosen matches { capacityId targetId } }
  cycles { id agencyIds chosen matches { capacityId targetId providerId receiverId } }
  chosen { id } totalChosenRials
  matrix { cells { row col value } }
} } }"""


def _res(ident: str, agency: str, title: str, kind: str, **extra: object) -> dict:
    return {"id": ident, "agencyId": agency, "titleFa": title, "kind": kind, **extra}


def test_reciprocal_pair_planted_in_code() -> None:
    snap = Snapshot(rows={
        "agency": [{"id": a, "nameFa": a} for a in ("a", "b", "c")],
        "capacity": [
            _res("ca-a", "a", "دستگاه حفاری افقی بدون ترانشه", "equipment"),
            _res("ca-b", "b", "داده‌های مکانی شبکه آب شهر", "data"),
            _res("ca-c", "c", "سالن همایش", "building"),
        ],
        "need": [
            _res("ne-b", "b", "دستگاه حفاری افقی بدون ترانشه برای لوله‌گذاری", "equipment", valueRials=3_000_000_000),
            _res("ne-a", "a", "داده‌های مکانی شبکه آب", "data", valueRials=2_000_000_000),
            _res("ne-c", "c", "خودروی آتش‌نشانی", "equipment"),
        ],
        "issue": [],
    })  # fmt: skip
    result = analyse_winwin(snap, WinWinParams())
    assert {(m.capacity_id, m.target_id) for m in result.matches} == {("ca-a", "ne-b"), ("ca-b", "ne-a")}
    [pair] = result.opportunities
    assert pair.kind == "reciprocal" and pair.chosen and set(pair.agencies) == {"a", "b"}


def _opp(ident: str, net: float, caps: list[str]) -> Opportunity:
    matches = [Match(c, f"t-{ident}-{c}", "need", "x", "y", 1, 1, net / len(caps), 0, "") for c in caps]
    return Opportunity(ident, "cycle", ["x", "y"], matches, net)


def test_the_choice_is_exact_not_greedy() -> None:
    big, left, right = _opp("big", 10, ["c1", "c2"]), _opp("left", 7, ["c1"]), _opp("right", 7, ["c2"])
    assert _choose([big, left, right]) == (14, True)  # greedy would take "big" (10) and stop
    assert not big.chosen and left.chosen and right.chosen


def test_demo_reciprocal_pair_and_cycle_are_found_and_chosen(demo: GraphQL) -> None:
    report = demo.ok(REPORT)["analyses"]["winWin"]
    pairs = {frozenset(p["agencyIds"]): p for p in report["reciprocalPairs"]}
    pair = pairs[frozenset({"ag-ict", "ag-abfa"})]
    assert pair["chosen"]
    assert {(m["capacityId"], m["targetId"]) for m in pair["matches"]} == {
        ("ca-ict-gis", "ne-abfa-gis"), ("ca-abfa-sewer-ducts", "ne-ict-fiber-route"),
    }  # fmt: skip
    cycles = {frozenset(c["agencyIds"]): c for c in report["cycles"]}
    cycle = cycles[frozenset({"ag-waste", "ag-parks", "ag-fire"})]
    assert cycle["chosen"]
    assert {(m["providerId"], m["receiverId"]) for m in cycle["matches"]} == {
        ("ag-waste", "ag-parks"), ("ag-parks", "ag-fire"), ("ag-fire", "ag-waste"),
    }  # fmt: skip
    for pair_of_three in ({"ag-waste", "ag-parks"}, {"ag-parks", "ag-fire"}, {"ag-fire", "ag-waste"}):
        assert frozenset(pair_of_three) not in pairs
    assert report["totalChosenRials"] > 0
    cells = {(c["row"], c["col"]) for c in report["matrix"]["cells"]}
    assert {("ag-ict", "ag-abfa"), ("ag-abfa", "ag-ict"), ("ag-waste", "ag-parks")} <= cells


def test_an_opportunity_becomes_draft_requests(demo: GraphQL) -> None:
    report = demo.ok(REPORT)["analyses"]["winWin"]
    cycle = next(c for c in report["cycles"] if set(c["agencyIds"]) == {"ag-waste", "ag-parks", "ag-fire"})
    drafts = demo.ok(
        "mutation($o: ID!) { draftOpportunityRequests(opportunityId: $o) { id status senderId receiverId aboutId nextStatuses } }",
        o=cycle["id"],
    )["draftOpportunityRequests"]
    assert len(drafts) == 3 and all(d["status"] == "DRAFT" for d in drafts)
    assert {(d["senderId"], d["receiverId"]) for d in drafts} == {
        ("ag-parks", "ag-waste"), ("ag-fire", "ag-parks"), ("ag-waste", "ag-fire"),
    }  # fmt: skip
    assert set(drafts[0]["nextStatuses"]) == {"SUBMITTED", "WITHDRAWN"}
    sent = demo.ok('mutation($id: ID!) { moveRequest(id: $id, to: SUBMITTED) { status } }', id=drafts[0]["id"])
    assert sent["moveRequest"]["status"] == "SUBMITTED"
    missing = demo.errors('mutation { draftOpportunityRequests(opportunityId: "ww-nope") { id } }')
    assert missing[0]["extensions"]["code"] == "NOT_FOUND"
