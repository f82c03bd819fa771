"""Analysis results drawn over the registry: duplicated duties and win-win opportunities."""

from __future__ import annotations

import networkx as nx

from service.analysis.duplication import DuplicationFinding, DuplicationResult
from service.analysis.snapshot import Snapshot
from service.analysis.vocab.beneficiaries import beneficiary_label
from service.analysis.vocab.geography import geo_label
from service.analysis.winwin import Match, WinWinResult
from service.pictures import registry_graph, words
from service.pictures.style import CLASS_COLORS, PALETTE
from service.storage.port import Row


def duplication_graph(snap: Snapshot, result: DuplicationResult, classes: set[str]) -> nx.MultiDiGraph:
    """Duty pairs joined by edges coloured by GAO class and sized by score, with their agencies."""
    duties = {d["id"]: d for d in snap["duty"]}
    g = nx.MultiDiGraph()
    full = registry_graph.build(snap)  # the same Persian fields as /graph for each node's side panel
    for f in result.findings:
        if f.classification not in classes or f.verdict == "dismissed":
            continue
        for duty_id, agency_id in ((f.duty_a, f.agency_a), (f.duty_b, f.agency_b)):
            for ident in (duty_id, agency_id):
                if ident in full and ident not in g:
                    g.add_node(ident, **full.nodes[ident])
            g.add_edge(agency_id, duty_id, type="HAS_DUTY", color="#c9ced8", width=1)
        g.add_edge(f.duty_a, f.duty_b, type=f.classification, color=CLASS_COLORS[f.classification],
                   width=round(1 + 6 * f.score, 2), title=finding_text(f, duties), arrow=False,
                   dashes=f.classification == "fragmentation")  # fmt: skip
    return g


def finding_text(f: DuplicationFinding, duties: dict[str, Row]) -> str:
    """A finding in Persian: its class and score, the two duties by name, what they share."""
    lines = [f"{words.CLASSES.get(f.classification, f.classification)} · امتیاز {words.num(f.score, 2)}",
             f"«{duties.get(f.duty_a, {}).get('titleFa', f.duty_a)}»", f"«{duties.get(f.duty_b, {}).get('titleFa', f.duty_b)}»",
             f"شباهت متن: {words.num(f.text_similarity, 2)}"]  # fmt: skip
    if f.beneficiaries_shared:
        lines.append("ذی‌نفعان مشترک: " + "، ".join(beneficiary_label(b) for b in f.beneficiaries_shared))
    if f.geography_overlap:
        lines.append("قلمرو مشترک: " + "، ".join(geo_label(x) for x in f.geography_overlap))
    if f.same_group:
        lines.append("هم‌گروه در طبقه‌بندی کارکردی COFOG")
    elif f.same_division:
        lines.append("هم‌بخش در طبقه‌بندی کارکردی COFOG")
    return "\n".join(lines)


def winwin_graph(snap: Snapshot, result: WinWinResult) -> tuple[nx.MultiDiGraph, list[tuple[str, str]]]:
    """Who can help whom; each reciprocal pair and cycle in its own colour, chosen ones thicker."""
    agencies = snap.agencies()
    capacities = {c["id"]: c for c in snap["capacity"]}
    g = nx.MultiDiGraph()
    legend: list[tuple[str, str]] = []

    full = registry_graph.build(snap)
    targets = {r["id"]: r["titleFa"] for key in ("need", "issue") for r in snap[key]}

    def agency_node(ident: str) -> None:
        if ident in full:
            g.add_node(ident, **full.nodes[ident])
        else:
            g.add_node(ident, type="Agency", label=agencies.get(ident, {}).get("nameFa", ident), title=ident)

    def match_text(m: Match) -> str:
        cap = capacities.get(m.capacity_id, {}).get("titleFa", m.capacity_id)
        return (f"{agencies.get(m.provider, {}).get('nameFa', m.provider)} ← {agencies.get(m.receiver, {}).get('nameFa', m.receiver)}\n"
                f"ظرفیت: «{cap}»\n{words.word(m.target_kind)}: «{targets.get(m.target_id, m.target_id)}»\nامتیاز {words.num(m.score, 2)}")  # fmt: skip

    in_opportunity = set()
    for index, opp in enumerate(result.opportunities):
        color = PALETTE[index % len(PALETTE)]
        name = ("چرخهٔ " if opp.kind == "cycle" else "دوسویهٔ ") + " → ".join(agencies.get(a, {}).get("nameFa", a) for a in opp.agencies)
        legend.append((name + (" (برگزیده)" if opp.chosen else ""), color))
        for m in opp.matches:
            agency_node(m.provider)
            agency_node(m.receiver)
            g.add_edge(m.provider, m.receiver, type=opp.kind, color=color, width=5 if opp.chosen else 2.5,
                       title=match_text(m), opportunity=opp.id)  # fmt: skip
            in_opportunity.add((m.capacity_id, m.target_id))
    for m in result.in_place:  # already arranged: drawn dashed, with its record
        agency_node(m.provider)
        agency_node(m.receiver)
        record = (m.in_place or {}).get("title") or (m.in_place or {}).get("id", "")
        g.add_edge(m.provider, m.receiver, type="in_place", color="#8a94a6", width=1.5, dashes=True,
                   title=f"{capacities.get(m.capacity_id, {}).get('titleFa', m.capacity_id)}: از پیش در جریان با «{record}»")  # fmt: skip
    if result.in_place:
        legend.append(("از پیش در جریان (خط‌چین)", "#8a94a6"))
    for m in result.matches:
        if (m.capacity_id, m.target_id) not in in_opportunity:
            agency_node(m.provider)
            agency_node(m.receiver)
            g.add_edge(m.provider, m.receiver, type="can_help", color="#c9ced8", width=1, title=match_text(m))
    return g, legend
