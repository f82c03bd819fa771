"""Mission alignment: the planted misaligned exchange is flagged, linked ones are not."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import GraphQL


def test_demo_misaligned_exchange_is_flagged(demo: GraphQL) -> None:
    report = demo.ok(
        "{ analyses { alignment { misaligned { id kind providerId why } items { id aligned dutyId }"
        " agencies { agencyId aligned total ratio } } } }"
    )["analyses"]["alignment"]
    misaligned = {m["id"]: m for m in report["misaligned"]}
    assert "ex-fire-festival" in misaligned and misaligned["ex-fire-festival"]["providerId"] == "ag-fire"
    linked = [i for i in report["items"] if i["id"].startswith("ex-") and i["id"] != "ex-fire-festival"]
    assert linked and all(i["aligned"] for i in linked)
    fire = next(a for a in report["agencies"] if a["agencyId"] == "ag-fire")
    assert fire["ratio"] < 1 and fire["aligned"] == fire["total"] - 1


def test_the_three_false_alarms_are_aligned_by_rules_and_goals_are_served(demo: GraphQL) -> None:
    """Gas restoring its own trench and parks paying its own water debt settle issues raised about
    them; telecom giving its excavation plan to the coordination directorate is reporting. Only the
    fire service's festival money stays flagged, and it still serves the culture goal."""
    report = demo.ok(
        "{ analyses { alignment { misaligned { id } items { id aligned rule declaredDutyId declaredVerified goals"
        " goalWhy amountRials } goals { goalId planId items amountRials } unserved } } }"
    )["analyses"]["alignment"]
    items = {i["id"]: i for i in report["items"]}
    assert [m["id"] for m in report["misaligned"]] == ["ex-fire-festival"]
    assert items["rq-d10-excavation"]["rule"] == "own_issue" and items["rq-abfa-parks-debt"]["rule"] == "own_issue"
    assert items["rq-coord-plans-telecom"]["rule"] == "reporting"
    assert "go-culture" in items["ex-fire-festival"]["goals"] and "go-safety" not in items["ex-fire-festival"]["goals"]
    # a declared link is checked: paying for leak detection is not «supplying drinking water»
    assert items["ex-abfa-pay-abnegar"]["declaredVerified"] is False and items["ex-abfa-pay-abnegar"]["aligned"]
    assert items["ex-planning-parks-green"]["declaredVerified"] is True  # money under the budget duty
    plans = demo.ok("{ analyses { cityPlans { id levels goals { id level focus strategies dutyIds } } } }")["analyses"]["cityPlans"]
    assert {p["id"] for p in plans} == {"pl-mashhad-midterm", "pl-mashhad-1405", "pl-mashhad-wsc"}  # the last: demo_wg.json, no goals
    assert plans[0]["levels"] == ["headquarters", "organisation", "district"] and all(g["strategies"] for p in plans for g in p["goals"])
    goals = {g["goalId"]: g for g in report["goals"]}
    assert goals["go-water"]["items"] > 0 and goals["go-water"]["planId"] == "pl-mashhad-midterm"
    assert set(report["unserved"]["ids"]) == {i["id"] for i in report["items"] if not i["goals"]}


def test_cli_runs_an_analysis(tmp_path: Path) -> None:
    env = {**os.environ, "HAMAHANG_DATA_DIR": str(tmp_path), "HAMAHANG_GRAPH_NAME": "cli_analysis"}
    subprocess.run([sys.executable, "-m", "service", "demo"], env=env, check=True, capture_output=True, timeout=120)
    done = subprocess.run([sys.executable, "-m", "service", "analyze", "alignment", "--format", "json"],
                          env=env, check=True, capture_output=True, text=True, timeout=120)  # fmt: skip
    data = json.loads(done.stdout)
    assert any(i["id"] == "ex-fire-festival" and not i["aligned"] for i in data["items"])
    out = tmp_path / "dup.xlsx"
    subprocess.run([sys.executable, "-m", "service", "analyze", "duplication", "--format", "xlsx", "-o", str(out)],
                   env=env, check=True, capture_output=True, timeout=120)  # fmt: skip
    assert out.stat().st_size > 5000
