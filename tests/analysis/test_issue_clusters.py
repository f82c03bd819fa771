"""Issue merging: same problem from different raisers becomes one ranked merged issue."""

from __future__ import annotations

import json
from typing import Any

from service.analysis.issue_clusters import cluster_issues
from service.analysis.snapshot import Snapshot

DIG = "حفاری مکرر معابر تازه آسفالت‌شده توسط شرکت‌های خدمات‌رسان"
DIG_ARABIC = "حفاري مکرر معابر تازه آسفالت شده به وسیله شركت هاي خدمات رسان"  # Arabic yeh/kaf, no ZWNJ
DIG_AGAIN = "حفاری دوباره معابر تازه آسفالت‌شده توسط شرکت‌های خدماتی"
LATE_PAY = "تأخیر در پرداخت صورت‌وضعیت قرارداد پژوهشی دانشگاه"


def issue(ident: str, raiser: str, title: str, severity: str = "medium", status: str = "open",
          concerns: list[str] | None = None, blocks: str | None = None) -> dict[str, Any]:  # fmt: skip
    return {"id": ident, "raisedById": raiser, "titleFa": title, "descriptionFa": "", "titleEn": "",
            "severity": severity, "status": status, "concernsIds": concerns or [], "blocksDutyId": blocks,
            "category": "infrastructure_conflict", "raisedOn": "2024-05-01"}  # fmt: skip


def planted() -> Snapshot:
    return Snapshot(rows={"issue": [
        issue("is-dig-2", "ag-d10", DIG_ARABIC, severity="high", status="resolved", concerns=["ag-gas"],
              blocks="du-asphalt"),
        issue("is-dig-1", "ag-civil", DIG, severity="medium", concerns=["ag-abfa", "ag-gas"], blocks="du-asphalt"),
        issue("is-dig-3", "ag-council", DIG_AGAIN, severity="critical", status="in_progress", concerns=["ag-abfa"]),
        issue("is-late-pay", "ag-firm", LATE_PAY, severity="low", concerns=["ag-innovation"]),
    ]})  # fmt: skip


def test_near_identical_issues_of_different_raisers_merge_and_the_unrelated_one_does_not() -> None:
    result = cluster_issues(planted())
    members = [m.member_ids for m in result.issues]
    assert members == [["is-dig-1", "is-dig-2", "is-dig-3"], ["is-late-pay"]]
    top = result.issues[0]
    assert top.id == "mi-is-dig-1" and top.merged and result.merged() == [top]
    assert top.raisers == ["ag-civil", "ag-council", "ag-d10"]
    assert top.agencies_affected == ["ag-abfa", "ag-civil", "ag-council", "ag-d10", "ag-gas"]
    assert top.duties_blocked == ["du-asphalt"]
    assert top.severity == "critical" and top.title.startswith("حفاری دوباره")  # the most severe member's title
    assert top.open_count == 2  # resolved does not count
    assert len(top.similarities) >= 2 and all(s["similarity"] >= 0.4 for s in top.similarities)
    assert {s["a"] for s in top.similarities} | {s["b"] for s in top.similarities} == set(top.member_ids)


def test_priority_formula_and_its_keyword_weights() -> None:
    result = cluster_issues(planted())
    top, lone = result.issues
    assert top.priority == 4 * 10 + 3 * 4 + 5 * 1  # critical, four agencies of the open members (five in all), one duty
    assert lone.priority == 1 * 10 + 3 * 2 + 5 * 0
    custom = cluster_issues(planted(), severity_factor=1, agency_factor=0, duty_factor=100,
                            severity_weights={"low": 50, "medium": 2, "high": 3, "critical": 4})  # fmt: skip
    assert [m.id for m in custom.issues] == ["mi-is-dig-1", "mi-is-late-pay"]
    assert [m.priority for m in custom.issues] == [104, 50]
    flipped = cluster_issues(planted(), severity_weights={"low": 99, "medium": 2, "high": 3, "critical": 4})
    assert flipped.issues[0].id == "mi-is-late-pay"


def test_same_raiser_repeating_itself_is_not_a_merge_and_threshold_matters() -> None:
    rows = [issue("is-a", "ag-civil", DIG), issue("is-b", "ag-civil", DIG + " در منطقه ۹")]
    result = cluster_issues(Snapshot(rows={"issue": rows}))
    assert sorted(m.member_ids for m in result.issues) == [["is-a"], ["is-b"]]
    assert not result.merged()
    strict = cluster_issues(planted(), min_similarity=0.99)
    assert not strict.merged() and len(strict.issues) + len(strict.resolved) == 4 and len(strict.resolved) == 1
    assert cluster_issues(Snapshot()).issues == []
    json.dumps(cluster_issues(planted()).as_dict(), ensure_ascii=False)


def test_demo_excavation_issues_merge_into_one_top_ranked_issue(demo_snapshot: Snapshot) -> None:
    result = cluster_issues(demo_snapshot)
    planted_ids = {"is-excavation-civil", "is-excavation-d10", "is-excavation-council"}
    holders = [i for i, m in enumerate(result.issues) if planted_ids & set(m.member_ids)]
    assert len(holders) == 1, "the three planted issues are split"
    rank = holders[0]
    assert planted_ids <= set(result.issues[rank].member_ids) and rank < 3
    # the three planted raisers, and district 9's later sidewalk issue (service/data/demo_intake.json) with them
    assert {"ag-dep-civil", "ag-d10", "ag-council"} <= set(result.issues[rank].raisers)
    for merged in result.merged():
        assert len(merged.raisers) >= 2, merged
    members = [i for m in result.issues + result.resolved for i in m.member_ids]
    assert sorted(members) == sorted(i["id"] for i in demo_snapshot["issue"])  # each issue exactly once
    assert [m.priority for m in result.issues] == sorted((m.priority for m in result.issues), reverse=True)


def test_only_open_issues_are_ranked_and_resolved_ones_are_apart(demo_snapshot: Snapshot) -> None:
    """A resolved critical issue used to outrank open ones; now it is listed apart, and a merged issue
    ranks by its open members only."""
    result = cluster_issues(demo_snapshot)
    assert all(m.open_count > 0 for m in result.issues) and result.resolved
    assert all(m.open_count == 0 for m in result.resolved)
    done = {"resolved", "closed"}
    statuses = {i["id"]: i["status"] for i in demo_snapshot["issue"]}
    assert {i for m in result.resolved for i in m.member_ids} == {
        i for m in result.issues + result.resolved if all(statuses[x] in done for x in m.member_ids) for i in m.member_ids}
    assert "resolved" in result.as_dict() and "open issues only" in result.as_dict()["ranking"]
