"""The alignment evaluation (``make eval``) loads every labelled case and reports its figures.

It asserts the figures are computed for both parts, not that the targets are met: the targets are
for the reader of ``make eval``.
"""

from __future__ import annotations

import pytest

from eval import alignment


def test_the_alignment_eval_loads_every_case_and_reports_figures(capsys: pytest.CaptureFixture[str]) -> None:
    cases = alignment.load_cases()
    lines = [x for x in alignment.CASES.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(cases) == len(lines) >= 30
    assert {c["split"] for c in cases} == {"tune", "heldout"} and len({c["id"] for c in cases}) == len(cases)
    assert any(not c["label"]["aligned"] for c in cases) and any(not c["label"]["goals"] for c in cases)
    status = alignment.main()
    out = capsys.readouterr().out
    assert status in (0, 1) and "heldout part" in out and "tune part" in out and "targets on held-out" in out
    figures = alignment.evaluate()
    assert figures["heldout"]["cases"] + figures["tune"]["cases"] == len(cases)
    for part in figures.values():
        for key in ("flag_precision", "flag_recall", "goal_accuracy", "goal_precision", "goal_recall"):
            assert part[key] is not None and 0.0 <= part[key] <= 1.0
