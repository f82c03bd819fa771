"""The win-win scenarios of ``make eval`` as tests: every structure, no decoy, the optimum."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.winwin import HERE, evaluate
from service.io.workbook import bundle_to_xlsx
from tests.conftest import GraphQL


@pytest.mark.parametrize("path", sorted(HERE.glob("*.json")), ids=lambda p: p.stem)
def test_scenario_meets_its_targets(path: Path) -> None:
    result = evaluate(path)
    assert result["ok"], result
    assert result["exhaustive best"] is not None and abs(result["exhaustive best"] - result["total"]) < 1


def test_a_scenario_through_the_workbook_import_and_graphql(registry: GraphQL) -> None:
    """A scenario imported as a spreadsheet (statuses, committed quantities and units travel), the plan
    read over GraphQL: the optimum, the in-place pair shown with its record, and the export keeps it all."""
    case = json.loads((HERE / "s3-crisis-relief.json").read_text(encoding="utf-8"))
    bundle = case["bundle"]
    bundle["capacities"][0]["quantityCommitted"] = 100  # 1,900 tents still offered: the plan must not change
    response = registry.post("/registry/import", files={"file": ("s3.xlsx", bundle_to_xlsx(bundle))})
    assert response.status_code == 200, response.text
    report = registry.ok("{ analyses { winWin { optimal today chosen { matches { capacityId targetId } }"
                         " inPlace { capacityId targetId inPlace } } } }")["analyses"]["winWin"]  # fmt: skip
    chosen = {frozenset((m["capacityId"], m["targetId"]) for m in o["matches"]) for o in report["chosen"]}
    assert chosen == {frozenset(map(tuple, s)) for s in case["expect"]["optimum"]}
    assert report["optimal"] and report["today"] == case["today"]
    [in_place] = report["inPlace"]
    assert (in_place["capacityId"], in_place["targetId"]) == ("c-hall", "n-d3-hall") and in_place["inPlace"]["id"] == "rq-d3-hall"
    exported = registry.get("/registry/export.json").json()
    tents = next(c for c in exported["capacities"] if c["id"] == "c-tents")
    assert tents["quantityCommitted"] == 100 and tents["status"] == "open"
