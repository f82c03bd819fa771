"""The win-win scenarios of ``make eval`` as tests: every structure, no decoy, the optimum."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.winwin import HERE, evaluate


@pytest.mark.parametrize("path", sorted(HERE.glob("*.json")), ids=lambda p: p.stem)
def test_scenario_meets_its_targets(path: Path) -> None:
    result = evaluate(path)
    assert result["ok"], result
    assert result["exhaustive best"] is not None and abs(result["exhaustive best"] - result["total"]) < 1
