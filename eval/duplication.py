"""Evaluation of the duplication analysis on labelled duty pairs (``eval/duplication/cases.jsonl``).

Every case is two duties of Mashhad-like agencies with its GAO class (duplication, overlap,
fragmentation, none), a trap tag where it has one, and its split: ``tune`` (the rules and the
vocabulary may be adjusted while looking at these) or ``heldout`` (never looked at while tuning;
only its figures are read). All duties go into one registry, as an officer's would, and the analysis
runs at its default settings; a labelled pair the analysis does not report is "none".

Printed: precision and recall per class and for "any finding" (any class but none), and exact-class
accuracy, for each split, beside the figures of the previous version (``previous.json``).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from service.analysis.duplication import analyse_duplication, finding_id
from service.analysis.snapshot import Snapshot
from service.settings import DuplicationParams

HERE = Path(__file__).parent / "duplication"
CASES = HERE / "cases.jsonl"
PREVIOUS = HERE / "previous.json"
CLASSES = ("duplication", "overlap", "fragmentation", "none")
TARGETS = {"any_precision": 0.9, "any_recall": 0.9, "accuracy": 0.8}


def load_cases(path: Path = CASES) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def snapshot(cases: list[dict[str, Any]]) -> Snapshot:
    """One registry holding every case's two duties (agencies shared across cases by their key)."""
    agencies: dict[str, dict[str, Any]] = {}
    duties: list[dict[str, Any]] = []
    for case in cases:
        for side in ("a", "b"):
            d = case[side]
            agency = f"ag-{d['agency']}"
            agencies.setdefault(agency, {"id": agency, "nameFa": d["agencyName"]})
            duty = {k: v for k, v in d.items() if k not in ("agency", "agencyName")}
            duty.update(id=f"{case['id']}-{side}", agencyId=agency, version=1)
            duties.append(duty)
    return Snapshot(rows={"agency": list(agencies.values()), "duty": duties})


def predict(cases: list[dict[str, Any]], params: DuplicationParams | None = None) -> dict[str, str]:
    """Each case's predicted class (``none`` when the analysis reports nothing for the pair)."""
    result = analyse_duplication(snapshot(cases), params or DuplicationParams(), {})
    found = {f.id: f.classification for f in result.findings}
    return {c["id"]: found.get(finding_id(f"{c['id']}-a", f"{c['id']}-b"), "none") for c in cases}


def figures(cases: list[dict[str, Any]], predicted: dict[str, str]) -> dict[str, Any]:
    gold = {c["id"]: c["class"] for c in cases}
    out: dict[str, Any] = {"cases": len(cases)}
    for cls in CLASSES:
        tp = sum(1 for i in gold if gold[i] == cls and predicted[i] == cls)
        pp = sum(1 for i in gold if predicted[i] == cls)
        gp = sum(1 for i in gold if gold[i] == cls)
        out[cls] = {"precision": tp / pp if pp else None, "recall": tp / gp if gp else None, "n": gp}
    tp = sum(1 for i in gold if gold[i] != "none" and predicted[i] != "none")
    pp = sum(1 for i in gold if predicted[i] != "none")
    gp = sum(1 for i in gold if gold[i] != "none")
    out["any_precision"] = tp / pp if pp else None
    out["any_recall"] = tp / gp if gp else None
    out["accuracy"] = sum(1 for i in gold if gold[i] == predicted[i]) / len(gold)
    return out


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.2f} "


def table(split: str, now: dict[str, Any], before: dict[str, Any] | None) -> str:
    lines = [f"duplication, {split} part ({now['cases']} pairs): now | previous version"]
    for cls in CLASSES:
        b = (before or {}).get(cls, {})
        lines.append(f"  {cls:<14} P {_fmt(now[cls]['precision'])} R {_fmt(now[cls]['recall'])}"
                     f"| P {_fmt(b.get('precision'))} R {_fmt(b.get('recall'))} (n={now[cls]['n']})")  # fmt: skip
    b = before or {}
    lines.append(f"  {'any finding':<14} P {_fmt(now['any_precision'])} R {_fmt(now['any_recall'])}"
                 f"| P {_fmt(b.get('any_precision'))} R {_fmt(b.get('any_recall'))}")  # fmt: skip
    lines.append(f"  {'class accuracy':<14} {_fmt(now['accuracy'])}         | {_fmt(b.get('accuracy'))}")
    return "\n".join(lines)


def evaluate() -> dict[str, dict[str, Any]]:
    cases = load_cases()
    predicted = predict(cases)
    return {split: figures([c for c in cases if c["split"] == split], predicted) for split in ("heldout", "tune")}


def confusion(split: str = "tune") -> str:
    """The tuning part's mistakes, for the one tuning (never called on the held-out part by make eval)."""
    cases = [c for c in load_cases() if c["split"] == split]
    predicted = predict(load_cases())
    lines = [f"{c['id']}: {c['class']} -> {predicted[c['id']]} ({c['note']})"
             for c in cases if predicted[c["id"]] != c["class"]]  # fmt: skip
    counts = Counter((c["class"], predicted[c["id"]]) for c in cases)
    return "\n".join([*lines, str(dict(counts))])


def main() -> int:
    now = evaluate()
    before = json.loads(PREVIOUS.read_text()) if PREVIOUS.exists() else {}
    for split in ("heldout", "tune"):
        print(table(split, now[split], before.get(split)))
    held = now["heldout"]
    met = all((held[k] or 0) >= v for k, v in TARGETS.items())
    print(f"targets on held-out (any P ≥ 0.9, any R ≥ 0.9, accuracy ≥ 0.8): {'met' if met else 'NOT met'}")
    if "--record" in sys.argv:
        PREVIOUS.write_text(json.dumps(now, indent=1) + "\n")
    return 0 if met else 1
