"""Evaluation of the win-win analysis on scenarios with a known optimum (``eval/winwin/*.json``).

Each scenario is a small registry (an import bundle judged on its ``today``) built so that: two
uses compete for one resource, a reciprocal pair and a three-agency cycle exist, decoys fit the kind
but not the text, the window or the unit, synonyms must meet, units must convert, and some matches
are already in place. ``expect`` lists the structures (each a set of capacity → need pairs), the
optimum (the structures the best plan holds), the decoys (pairs that must not match) and the pairs
already in place.

Checked per scenario: every structure found as an opportunity; no decoy matched; every in-place pair
reported in place and never chosen; the chosen plan equal to the optimum, and its total equal to the
best of an exhaustive search over every subset of the opportunities found (an independent check of the
solver); ``optimal`` true. Targets: all of it, in every scenario.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path
from typing import Any

from service.analysis.memory import snapshot_of
from service.analysis.winwin import Opportunity, analyse_winwin
from service.settings import WinWinParams

HERE = Path(__file__).parent / "winwin"

Pair = tuple[str, str]


def _pairs(o: Opportunity) -> frozenset[Pair]:
    return frozenset((m.capacity_id, m.target_id) for m in o.matches)


def _brute_force(opps: list[Opportunity]) -> float:
    """The best total over every subset of opportunities that share no capacity and no need."""
    useful = [o for o in opps if o.net_benefit_rials > 0]
    best = 0.0
    for r in range(1, len(useful) + 1):
        for subset in itertools.combinations(useful, r):
            used = [x for o in subset for m in o.matches for x in (("c", m.capacity_id), ("t", m.target_id))]
            if len(used) == len(set(used)):
                best = max(best, sum(o.net_benefit_rials for o in subset))
    return best


def evaluate(path: Path) -> dict[str, Any]:
    case = json.loads(path.read_text(encoding="utf-8"))
    result = analyse_winwin(snapshot_of(case["bundle"]), WinWinParams(), case["today"])
    expect = case["expect"]
    found = {_pairs(o) for o in result.opportunities}
    matched = {(m.capacity_id, m.target_id) for m in result.matches}
    in_place = {(m.capacity_id, m.target_id) for m in result.in_place}
    chosen = {_pairs(o) for o in result.chosen}
    structures = [frozenset(map(tuple, s)) for s in expect["structures"]]
    optimum = {frozenset(map(tuple, s)) for s in expect["optimum"]}
    decoys = [tuple(d) for d in expect["decoys"]]
    wanted_in_place = [tuple(p) for p in expect["inPlace"]]
    exhaustive = _brute_force(result.opportunities) if len(result.opportunities) <= 16 else None
    out = {
        "scenario": case["name"],
        "structures": f"{sum(s in found for s in structures)}/{len(structures)}",
        "missed": [sorted(s) for s in structures if s not in found],
        "decoys matched": [d for d in decoys if d in matched or d in in_place],
        "in place": f"{sum(p in in_place for p in wanted_in_place)}/{len(wanted_in_place)}",
        "in place chosen": [p for p in wanted_in_place if any(p in c for c in chosen)],
        "optimum chosen": chosen == optimum,
        "total": result.total_chosen_rials,
        "exhaustive best": exhaustive,
        "optimal": result.optimal,
    }
    out["ok"] = (not out["missed"] and not out["decoys matched"] and not out["in place chosen"]
                 and out["in place"].split("/")[0] == out["in place"].split("/")[1] and out["optimum chosen"]
                 and result.optimal and (exhaustive is None or abs(exhaustive - result.total_chosen_rials) < 1.0))  # fmt: skip
    return out


def main() -> int:
    rows = [evaluate(p) for p in sorted(HERE.glob("*.json"))]
    print("win-win scenarios (eval/winwin): structures found, decoys, in place, optimum")
    for r in rows:
        print(f"  {r['scenario']:24} structures {r['structures']}  in place {r['in place']}  decoys matched "
              f"{len(r['decoys matched'])}  optimum {'yes' if r['optimum chosen'] else 'NO'}  total {r['total']:,.0f} "
              f"(exhaustive {r['exhaustive best'] if r['exhaustive best'] is None else format(r['exhaustive best'], ',.0f')})"
              f"  {'ok' if r['ok'] else 'MISSED'}")  # fmt: skip
        for key in ("missed", "decoys matched", "in place chosen"):
            if r[key]:
                print(f"      {key}: {r[key]}")
    met = all(r["ok"] for r in rows)
    print(f"  targets (every structure, no decoy, in place never chosen, optimum in every scenario): {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
