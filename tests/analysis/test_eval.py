"""The labelled evaluation set stays what make eval promises: 80+ pairs, four classes, traps, a held-out
part; and the runner scores the analysis on it (the targets themselves are make eval's verdict)."""

from __future__ import annotations

from collections import Counter

from eval.duplication import evaluate, load_cases


def test_the_case_file_is_balanced_and_split() -> None:
    cases = load_cases()
    assert len(cases) >= 80 and len({c["id"] for c in cases}) == len(cases)
    assert Counter(c["class"] for c in cases).keys() == {"duplication", "overlap", "fragmentation", "none"}
    assert {"spelling", "synonym", "other_city", "stock_phrase"} <= {c["trap"] for c in cases}
    splits = Counter(c["split"] for c in cases)
    assert splits["heldout"] >= 40 and splits["tune"] >= 40


def test_make_eval_scores_both_parts() -> None:
    figures = evaluate()
    for split in ("heldout", "tune"):
        part = figures[split]
        assert part["cases"] >= 40
        assert 0 <= part["accuracy"] <= 1 and part["any_precision"] is not None
