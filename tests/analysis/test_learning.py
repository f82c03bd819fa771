"""Learning from verdicts: confirmed and dismissed findings (given through the GraphQL mutation) train
a calibrated logistic regression that re-ranks and re-classes the rest; with too few, the rules stand."""

from __future__ import annotations

from statistics import mean

from tests.conftest import GraphQL

FINDINGS = """{ analyses { duplication {
  findings(includeDismissed: true) { id classification sameGroup confidence verdict score }
  learning { verdicts confirmed dismissed active brier note calibration { from to predicted observed count } coefficients }
} } }"""
VERDICT = "mutation($f: ID!, $v: Verdict!, $o: FindingOption) { setFindingVerdict(findingId: $f, verdict: $v, option: $o) { verdict option } }"


def _report(demo: GraphQL) -> dict:
    return demo.ok(FINDINGS)["analyses"]["duplication"]


def test_rules_stand_until_enough_verdicts_then_the_model_learns(demo: GraphQL) -> None:
    before = _report(demo)
    assert before["learning"]["active"] is False and before["learning"]["verdicts"] == 0
    assert all(f["confidence"] is None for f in before["findings"])
    findings = before["findings"]
    confirm = [f for f in findings if f["classification"] == "DUPLICATION"]
    confirm += [f for f in findings if f["classification"] == "OVERLAP" and f["sameGroup"]][:3]
    dismiss = [f for f in findings if f["classification"] == "FRAGMENTATION"][:5]
    assert len(confirm) >= 4 and len(dismiss) == 5

    for f in confirm[:2] + dismiss[:2]:  # four verdicts: too few, the rules stand
        demo.ok(VERDICT, f=f["id"], v="CONFIRMED" if f in confirm else "DISMISSED")
    few = _report(demo)
    assert few["learning"]["verdicts"] == 4 and few["learning"]["active"] is False
    assert "rules stand" in few["learning"]["note"]

    for f in confirm[2:]:
        demo.ok(VERDICT, f=f["id"], v="CONFIRMED", o="LEAD_AGENCY")
    for f in dismiss[2:]:
        saved = demo.ok(VERDICT, f=f["id"], v="DISMISSED", o="KEEP")["setFindingVerdict"]
        assert saved["option"] == "KEEP"  # warranted: keep
    after = _report(demo)
    learning = after["learning"]
    assert learning["active"] is True and learning["verdicts"] == len(confirm) + len(dismiss)
    assert learning["confirmed"] == len(confirm) and learning["dismissed"] == len(dismiss)
    assert learning["brier"] is not None and 0 <= learning["brier"] <= 0.25
    assert sum(b["count"] for b in learning["calibration"]) == learning["verdicts"]

    unjudged = [f for f in after["findings"] if f["verdict"] is None]
    assert all(f["confidence"] is not None for f in unjudged)
    like_dismissed = [f["confidence"] for f in unjudged if f["classification"] == "FRAGMENTATION"]
    like_confirmed = [f["confidence"] for f in unjudged if f["classification"] != "FRAGMENTATION" and f["sameGroup"]]
    assert like_dismissed and like_confirmed
    assert mean(like_confirmed) > mean(like_dismissed)  # it learnt which kind the directorate confirms
    # the ranking follows the learnt confidence within each class, no longer the rule score
    order = {"DUPLICATION": 0, "OVERLAP": 1, "FRAGMENTATION": 2}
    ranks = [(order[f["classification"]], -f["confidence"]) for f in after["findings"] if f["verdict"] != "dismissed"]
    assert ranks == sorted(ranks)
