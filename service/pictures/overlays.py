"""Analysis results drawn over the registry: duplicated duties and win-win opportunities."""

from __future__ import annotations

import networkx as nx

from service.analysis.duplication import DuplicationResult
from service.analysis.snapshot import Snapshot
from service.analysis.winwin import WinWinResult
from service.pictures.style import CLASS_COLORS, PALETTE


def duplication_graph(snap: Snapshot, result: DuplicationResult, classes: set[str]) -> nx.MultiDiGraph:
    """Duty pairs joined by edges coloured by GAO class and sized by score, with their agencies."""
    duties = {d["id"]: d for d in snap["duty"]}
    agencies = snap.agencies()
    g = nx.MultiDiGraph()
    for f in result.findings:
        if f.classification not in classes or f.verdict == "dismissed":
            continue
        for duty_id, agency_id in ((f.duty_a, f.agency_a), (f.duty_b, f.agency_b)):
            duty = duties[duty_id]
            g.add_node(duty_id, type="Duty", label=duty["titleFa"], title=f"{duty['titleFa']}\n{duty['functionCode']}")
            agency = agencies.get(agency_id, {"nameFa": agency_id})
            g.add_node(agency_id, type="Agency", label=agency["nameFa"], title=agency["nameFa"])
            g.add_edge(agency_id, duty_id, type="HAS_DUTY", color="#c9ced8", width=1)
        g.add_edge(f.duty_a, f.duty_b, type=f.classification, color=CLASS_COLORS[f.classification],
                   width=round(1 + 6 * f.score, 2), title=f.summary_fa or f.why, arrow=False, dashes=f.classification == "fragmentation")  # fmt: skip
    return g


def winwin_graph(snap: Snapshot, result: WinWinResult) -> tuple[nx.MultiDiGraph, list[tuple[str, str]]]:
    """Who can help whom; each reciprocal pair and cycle in its own colour, chosen ones thicker."""
    agencies = snap.agencies()
    capacities = {c["id"]: c for c in snap["capacity"]}
    g = nx.MultiDiGraph()
    legend: list[tuple[str, str]] = []

    def agency_node(ident: str) -> None:
        g.add_node(ident, type="Agency", label=agencies.get(ident, {}).get("nameFa", ident), title=ident)

    in_opportunity = set()
    for index, opp in enumerate(result.opportunities):
        color = PALETTE[index % len(PALETTE)]
        name = ("چرخهٔ " if opp.kind == "cycle" else "دوسویهٔ ") + " → ".join(agencies.get(a, {}).get("nameFa", a) for a in opp.agencies)
        legend.append((name + (" (برگزیده)" if opp.chosen else ""), color))
        for m in opp.matches:
            agency_node(m.provider)
            agency_node(m.receiver)
            cap = capacities.get(m.capacity_id, {}).get("titleFa", m.capacity_id)
            g.add_edge(m.provider, m.receiver, type=opp.kind, color=color, width=5 if opp.chosen else 2.5,
                       title=f"{cap} → {m.target_id} ({m.score:.2f})", opportunity=opp.id)  # fmt: skip
            in_opportunity.add((m.capacity_id, m.target_id))
    for m in result.matches:
        if (m.capacity_id, m.target_id) not in in_opportunity:
            agency_node(m.provider)
            agency_node(m.receiver)
            g.add_edge(m.provider, m.receiver, type="can_help", color="#c9ced8", width=1,
                       title=f"{capacities.get(m.capacity_id, {}).get('titleFa', m.capacity_id)} ({m.score:.2f})")  # fmt: skip
    return g, legend
