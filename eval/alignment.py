"""Evaluation of the mission-alignment analysis on labelled cases (``eval/alignment/cases.jsonl``).

Each case is one exchange or done request of Mashhad-like agencies in a small registry fragment: the
provider with all its duties (from ``registry.json``, a frozen copy of the demo's agencies and
duties), any other duty the case names (``extraDuties``: the owner of a declared link, the
coordination directorate's duty), and the issues and capacities it refers to. The label says whether
the record fits the provider's own duties and which goals of the city's plans
(``service/data/plans.json``) it serves, none when it serves none. Traps: settling an issue raised
about oneself, reporting one's own work to the coordination directorate, a declared duty link that
belongs to another agency, a stock phrase shared with an unrelated duty, synonyms, spending that
serves no goal. ``split``: ``tune`` or ``heldout`` (never looked at while tuning), fixed when the
file was written, before the analysis was run on any case.

Printed per split: precision and recall of "flagged as misaligned", exact goal-set accuracy, goal
precision and recall over (record, goal) pairs, and precision and recall of "serves no goal".
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from service.analysis.alignment import AlignmentItem, analyse_alignment, plans
from service.analysis.memory import snapshot_of
from service.settings import AlignmentParams

HERE = Path(__file__).parent / "alignment"
CASES = HERE / "cases.jsonl"
REGISTRY = HERE / "registry.json"
PREVIOUS = HERE / "previous.json"  # the figures of the code before this evaluation's fixes (``--record`` rewrites)
TARGETS = {"flag_precision": 0.9, "flag_recall": 0.9}


def load_cases(path: Path = CASES) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _registry() -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    data = json.loads(REGISTRY.read_text(encoding="utf-8"))
    return {a["id"]: a for a in data["agencies"]}, data["duties"]


def bundle(case: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The case's registry fragment as an import bundle."""
    agencies, duties = _registry()
    record = case.get("exchange") or case["request"]
    provider = record.get("providerId") or record["receiverId"]
    extra = set(case.get("extraDuties") or [])
    chosen = [d for d in duties if d["agencyId"] == provider or d["id"] in extra]
    out: dict[str, list[dict[str, Any]]] = {"duties": chosen, "issues": case.get("issues") or [],
                                            "capacities": case.get("capacities") or []}  # fmt: skip
    if "exchange" in case:
        out["exchanges"] = [{"id": case["id"], **case["exchange"]}]
    else:
        out["requests"] = [{"id": case["id"], **case["request"]}]
    named = {record.get("providerId"), record.get("receiverId"), record.get("senderId")}
    named |= {d["agencyId"] for d in chosen} | {a for d in chosen for a in d.get("supportAgencyIds") or []}
    for i in out["issues"]:
        named |= {i["raisedById"], *i["concernsIds"]}
    named |= {c["agencyId"] for c in out["capacities"]}
    out["agencies"] = [agencies[a] for a in sorted(x for x in named if x)]
    return out


def predict(case: dict[str, Any]) -> AlignmentItem:
    result = analyse_alignment(snapshot_of(bundle(case)), AlignmentParams(), plans())
    return next(i for i in result.items if i.id == case["id"])


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def figures(cases: list[dict[str, Any]], predicted: dict[str, AlignmentItem]) -> dict[str, Any]:
    flag = [(not c["label"]["aligned"], not predicted[c["id"]].aligned) for c in cases]
    gold_goals = {c["id"]: set(c["label"]["goals"]) for c in cases}
    got_goals = {c["id"]: set(predicted[c["id"]].goals) for c in cases}
    pairs_tp = sum(len(gold_goals[i] & got_goals[i]) for i in gold_goals)
    none = [(not gold_goals[i], not got_goals[i]) for i in gold_goals]
    return {
        "cases": len(cases),
        "flagged": sum(g for g, _ in flag),
        "flag_precision": _ratio(sum(g and p for g, p in flag), sum(p for _, p in flag)),
        "flag_recall": _ratio(sum(g and p for g, p in flag), sum(g for g, _ in flag)),
        "goal_accuracy": sum(gold_goals[i] == got_goals[i] for i in gold_goals) / len(cases),
        "goal_precision": _ratio(pairs_tp, sum(len(s) for s in got_goals.values())),
        "goal_recall": _ratio(pairs_tp, sum(len(s) for s in gold_goals.values())),
        "no_goal_precision": _ratio(sum(g and p for g, p in none), sum(p for _, p in none)),
        "no_goal_recall": _ratio(sum(g and p for g, p in none), sum(g for g, _ in none)),
    }


def evaluate() -> dict[str, dict[str, Any]]:
    cases = load_cases()
    predicted = {c["id"]: predict(c) for c in cases}
    return {split: figures([c for c in cases if c["split"] == split], predicted) for split in ("heldout", "tune")}


def mistakes(split: str = "tune") -> str:
    """The tuning part's mistakes, for tuning (make eval never prints the held-out part's cases)."""
    lines = []
    for c in (c for c in load_cases() if c["split"] == split):
        p = predict(c)
        if p.aligned != c["label"]["aligned"] or set(p.goals) != set(c["label"]["goals"]):
            lines.append(f"{c['id']} [{c['trap']}] aligned {c['label']['aligned']}->{p.aligned} ({p.rule}: {p.why}) "
                         f"goals {c['label']['goals']}->{p.goals} ({p.goal_why}) | {c['note']}")  # fmt: skip
    return "\n".join(lines)


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.2f} "


def table(split: str, f: dict[str, Any], b: dict[str, Any] | None = None) -> str:
    b = b or {}
    return "\n".join([
        f"alignment, {split} part ({f['cases']} records, {f['flagged']} misaligned by label): now | previous version",
        f"  flagged as misaligned  P {_fmt(f['flag_precision'])} R {_fmt(f['flag_recall'])}"
        f"        | P {_fmt(b.get('flag_precision'))} R {_fmt(b.get('flag_recall'))}",
        f"  goals: exact set {_fmt(f['goal_accuracy'])} pairs P {_fmt(f['goal_precision'])} R {_fmt(f['goal_recall'])}"
        f"| exact {_fmt(b.get('goal_accuracy'))} P {_fmt(b.get('goal_precision'))} R {_fmt(b.get('goal_recall'))}",
        f"  serves no goal         P {_fmt(f['no_goal_precision'])} R {_fmt(f['no_goal_recall'])}"
        f"        | P {_fmt(b.get('no_goal_precision'))} R {_fmt(b.get('no_goal_recall'))}",
    ])  # fmt: skip


def main() -> int:
    now = evaluate()
    before = json.loads(PREVIOUS.read_text()) if PREVIOUS.exists() else {}
    for split in ("heldout", "tune"):
        print(table(split, now[split], before.get(split)))
    held = now["heldout"]
    met = all((held[k] or 0) >= v for k, v in TARGETS.items())
    print(f"  targets on held-out (flagged P ≥ 0.9, R ≥ 0.9): {'met' if met else 'NOT met'}"
          " (goal accuracy reported, no target)")  # fmt: skip
    if "--record" in sys.argv:
        PREVIOUS.write_text(json.dumps(now, indent=1) + "\n")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
