"""Win-win opportunities (برد-برد): one agency's capacity answering another's need or issue.

What is matched is the registry's present state on ``today`` (``present.py``): live capacities and
needs only, windows from today on, and whatever is already arranged (an exchange or a live request
between the same parties) shown *in place*, never recommended. A match needs a place in common
(``winwin_place.py``: the same city, or a province-wide or unplaced agency), the same kind, text
that names the same thing (the thesaurus's concepts, else character n-grams), compatible units
(``units.py``: L/s covers m³/day, tonnes never cover m³/day) and windows that meet.

Each match is valued (``winwin_value.py``): what meeting the need is worth (its stated value, pro rata to
the share covered, or a stated default), what giving costs the provider (pro rata to the share of
the capacity used), and who gains how much. The reciprocal pairs and exchange cycles (A → B → C → A)
of the "can help" graph are packed exactly (``packing.py``): deterministic, optimal when proven,
the gap to the bound otherwise. A sensitivity view says whether the plan holds if values move ±25%.

The parts: ``winwin_match.py`` (matching and what is in place), ``winwin_text.py`` (text and concepts),
``winwin_value.py`` (the value model), ``winwin_result.py`` (the result types); this module packs.
"""

from __future__ import annotations

import os
import time
from collections import defaultdict

from service.analysis import packing
from service.analysis.matrix import AgencyMatrix, AgencyRef
from service.analysis.snapshot import Snapshot
from service.analysis.vocab.thesaurus import Thesaurus
from service.analysis.winwin_match import Matched, find_matches, match
from service.analysis.winwin_result import Match, Opportunity, Party, WinWinResult, opportunity_dict
from service.analysis.winwin_sensitivity import Sensitivity
from service.analysis.winwin_value import parties_of
from service.settings import WinWinParams

__all__ = ["Match", "Matched", "Opportunity", "Party", "WinWinResult", "analyse_winwin", "find_matches", "match",
           "opportunity_dict"]  # fmt: skip


def _opportunity(column: packing.Column, agencies: tuple[str, ...]) -> Opportunity:
    matches = [m for m in column if isinstance(m, Match)]
    return Opportunity(packing.column_id(column), "reciprocal" if len(agencies) == 2 else "cycle", list(agencies),
                       matches, round(sum(m.net for m in matches), 2), parties=parties_of(matches))  # fmt: skip


def analyse_winwin(snap: Snapshot, params: WinWinParams, today: str, thesaurus: Thesaurus | None = None,
                   matched: Matched | None = None, sensitivity_now: bool = False, workers: int = 1) -> WinWinResult:  # fmt: skip
    """``today`` (ISO) is when the registry is judged: passed in, never read from the clock here.
    ``thesaurus``: the shipped one with the directorate's terms (default: the shipped one).
    ``matched``: ``match`` already run on ``snap`` (whose exchanges are then those of its pairs).
    ``sensitivity_now``: the caller reads the whole result, so the sensitivity table is solved as soon
    as the plan is known instead of when first read (``winwin_sensitivity.py``). ``workers``: 2 lets that
    table share its solves with a forked process (with ``sensitivity_now`` only: the command line), and
    the text of what may be in place be counted in two processes."""
    agencies = snap.agencies()
    left_out: dict[str, dict[str, int]] = {}
    matches, in_place = find_matches(snap, params, today, left_out, thesaurus, matched, workers)
    matrix = AgencyMatrix("winwin", [AgencyRef(a["id"], a["nameFa"], a.get("nameEn"), a.get("code")) for a in
                                     sorted(agencies.values(), key=lambda a: a["id"])])  # fmt: skip
    arcs: dict[tuple[str, str], list[packing.Arc]] = defaultdict(list)
    for m in matches:
        matrix.add(m.provider, m.receiver, m.score, {"capacityId": m.capacity_id, "targetId": m.target_id,
                                                      "targetKind": m.target_kind, "net": m.net, "why": m.why})  # fmt: skip
        arcs[(m.provider, m.receiver)].append(m)
    cycles = packing.agency_cycles(list(arcs), params.max_cycle_length)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    sensitivity = Sensitivity(cycles, arcs, params, cores, start_now=sensitivity_now, fork=workers > 1)
    started = time.perf_counter()
    selection = packing.solve(cycles, arcs, lambda m: m.net, params.solver_seconds, workers=cores)  # type: ignore[attr-defined]
    sensitivity.plan_known(selection, time.perf_counter() - started)
    opportunities = _opportunities(cycles, arcs, selection)

    parameters = params.model_dump() | {"today": today}
    return WinWinResult(
        parameters, matches, opportunities, round(selection.total, 2), matrix, False, selection.optimal, selection.gap,
        round(selection.bound, 2), sorted(in_place, key=lambda m: (m.provider, m.receiver, m.capacity_id, m.target_id)),
        left_out, sensitivity.table, _assumptions(params, today, matches),
        {"agencyCycles": selection.cycles, "columns": len(selection.columns), "pricingRounds": selection.rounds,
         "notes": selection.notes},
    )  # fmt: skip


def _opportunities(cycles: list[tuple[str, ...]], arcs: dict[tuple[str, str], list[packing.Arc]],
                   selection: packing.Selection) -> list[Opportunity]:  # fmt: skip
    """Each agency cycle's best instantiation, and the chosen columns (which may use another match)."""
    found: dict[str, Opportunity] = {}
    for cycle in cycles:
        edges = [(cycle[k], cycle[(k + 1) % len(cycle)]) for k in range(len(cycle))]
        column = tuple(max(arcs[e], key=lambda m: (m.net, m.capacity_id, m.target_id)) for e in edges)  # type: ignore[attr-defined]
        opp = _opportunity(column, cycle)
        found.setdefault(opp.id, opp)
    for j in selection.chosen:
        column = selection.columns[j]
        agencies = tuple(m.provider for m in column)
        start = agencies.index(min(agencies))
        opp = _opportunity(column[start:] + column[:start], agencies[start:] + agencies[:start])
        found[opp.id] = opp
        opp.chosen = True
    return sorted(found.values(), key=lambda o: (not o.chosen, -o.net_benefit_rials, o.id))


def _assumptions(params: WinWinParams, today: str, matches: list[Match]) -> list[str]:
    defaulted = sum(1 for m in matches if m.benefit_source.startswith("default"))
    return [
        f"judged on {today}: met, withdrawn and expired capacities and needs are left out; windows count from today",
        ("already arranged (an exchange or a live request between the same parties for that capacity or need) is shown "
         "in place, never recommended; a need with one offer in place is being met and leaves the plan"),
        "benefit = the need's stated value × the share still wanted × the share the capacity covers (in the need's unit)",
        f"a need with no stated value is worth {params.default_value_rials:,} rials ({defaulted} matches use it)",
        f"an issue is worth {params.issue_value_rials:,} rials per severity step (low 1 … critical 4)",
        "cost to the provider = the capacity's stated cost × the share of the capacity used; none stated counts 0",
        ("units convert within one dimension (flow, volume, area, mass, length, time, people, power, money); "
         "other units match only the same name; incompatible units never match"),
        "the plan maximises the total net benefit; each capacity and each need is used once",
        "sensitivity: the plan solved again with benefits or costs moved by 25%",
    ]


