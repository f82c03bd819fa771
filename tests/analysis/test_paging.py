"""Analysis results over GraphQL come a page at a time (first, after = the last id received), so no
client builds the whole result (22,000 findings at city scale) in one reply."""

from __future__ import annotations

from typing import Any

from tests.conftest import GraphQL

FINDINGS = "query($first: Int, $after: ID) { analyses { duplication { findingCount(includeDismissed: true)" \
    " findings(includeDismissed: true, first: $first, after: $after) { id } } } }"
OPPORTUNITIES = "query($first: Int, $after: ID) { analyses { winWin { opportunityCount matchCount" \
    " opportunities(first: $first, after: $after) { id } matches(first: $first, after: $after) { id } } } }"


def _pages(client: GraphQL, query: str, report: str, field: str, size: int) -> tuple[list[str], list[dict[str, Any]]]:
    ids: list[str] = []
    replies = []
    after = None
    while True:
        reply = client.ok(query, first=size, after=after)["analyses"][report]
        replies.append(reply)
        got = [r["id"] for r in reply[field]]
        assert len(got) <= size
        ids += got
        if len(got) < size:
            return ids, replies
        after = got[-1]


def test_findings_page_by_page_are_the_whole_list(demo: GraphQL) -> None:
    whole = demo.ok(FINDINGS, first=5000)["analyses"]["duplication"]
    assert whole["findingCount"] == len(whole["findings"]) > 3
    ids, _ = _pages(demo, FINDINGS, "duplication", "findings", 2)
    assert ids == [f["id"] for f in whole["findings"]]


def test_opportunities_and_matches_page_by_page(demo: GraphQL) -> None:
    report = demo.ok(OPPORTUNITIES, first=5000)["analyses"]["winWin"]
    assert report["opportunityCount"] == len(report["opportunities"]) >= 1
    assert report["matchCount"] == len(report["matches"]) > 1
    ids, _ = _pages(demo, OPPORTUNITIES.replace(" matches(first: $first, after: $after) { id }", ""), "winWin",
                    "opportunities", 1)  # fmt: skip
    assert sorted(ids) == sorted(o["id"] for o in report["opportunities"])
    matches = demo.ok("{ analyses { winWin { matches(first: 1) { id capacityId targetId } } } }")["analyses"]["winWin"]["matches"]
    assert matches[0]["id"] == f"{matches[0]['capacityId']}>{matches[0]['targetId']}"


def test_a_page_is_capped_and_a_stale_cursor_says_so(demo: GraphQL) -> None:
    default = demo.ok("{ analyses { duplication { findings { id } } } }")["analyses"]["duplication"]["findings"]
    assert 0 < len(default) <= 500
    too_many = demo.errors(FINDINGS, first=5001)[0]["extensions"]
    assert too_many["code"] == "PAGE_SIZE" and too_many["field"] == "first" and too_many["messageFa"]
    stale = demo.errors(FINDINGS, first=2, after="dup:du-gone:du-none")[0]["extensions"]
    assert stale["code"] == "BAD_CURSOR" and stale["field"] == "after" and "صفحهٔ نخست" in stale["messageFa"]
