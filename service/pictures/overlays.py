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
from service.site.lang import Lang
from service.storage.port import Row


def duplication_graph(snap: Snapshot, result: DuplicationResult, classes: set[str], lang: Lang = "fa") -> nx.MultiDiGraph:
    """Duty pairs joined by edges coloured by GAO class and sized by score, with their agencies."""
    duties = {d["id"]: d for d in snap["duty"]}
    g = nx.MultiDiGraph()
    full = registry_graph.build(snap, lang)  # the same fields as /graph for each node's side panel
    for f in result.findings:
        if f.classification not in classes or f.verdict == "dismissed":
            continue
        for duty_id, agency_id in ((f.duty_a, f.agency_a), (f.duty_b, f.agency_b)):
            for ident in (duty_id, agency_id):
                if ident in full and ident not in g:
                    g.add_node(ident, **full.nodes[ident])
            g.add_edge(agency_id, duty_id, type="HAS_DUTY", color="#c9ced8", width=1)
        g.add_edge(f.duty_a, f.duty_b, type=f.classification, color=CLASS_COLORS[f.classification],
                   width=round(1 + 6 * f.score, 2), title=finding_text(f, duties, lang), arrow=False,
                   dashes=f.classification == "fragmentation")  # fmt: skip
    return g


def _title(row: dict[str, object] | None, fa_key: str, fallback: str, lang: Lang) -> str:
    """A record's title or name in the page's language (Persian where it has no English one)."""
    row = row or {}
    english = row.get(fa_key[:-2] + "En") if lang == "en" else None
    return str(english or row.get(fa_key) or fallback)


def finding_text(f: DuplicationFinding, duties: dict[str, Row], lang: Lang = "fa") -> str:
    """A finding in the page's language: its class and score, the two duties by name, what they share."""
    en = lang == "en"

    def w(key: str, **fmt: object) -> str:
        return words.explorer(lang, key, **fmt)

    sep = ", " if en else "، "
    cls = f.classification if en else words.CLASSES.get(f.classification, f.classification)
    lines = [f"{cls} · {w('o_score', score=words.num(f.score, 2, lang))}",
             f"«{_title(duties.get(f.duty_a), 'titleFa', f.duty_a, lang)}»", f"«{_title(duties.get(f.duty_b), 'titleFa', f.duty_b, lang)}»",
             w("o_text", value=words.num(f.text_similarity, 2, lang))]  # fmt: skip
    if f.beneficiaries_shared:
        lines.append(w("o_beneficiaries") + sep.join(b.replace("_", " ") if en else beneficiary_label(b) for b in f.beneficiaries_shared))
    if f.geography_overlap:
        lines.append(w("o_geography") + sep.join(x.replace("_", " ") if en else geo_label(x) for x in f.geography_overlap))
    if f.same_group:
        lines.append(w("o_group"))
    elif f.same_division:
        lines.append(w("o_division"))
    return "\n".join(lines)


def winwin_graph(snap: Snapshot, result: WinWinResult, lang: Lang = "fa") -> tuple[nx.MultiDiGraph, list[tuple[str, str]]]:
    """Who can help whom; each reciprocal pair and cycle in its own colour, chosen ones thicker."""
    agencies = snap.agencies()
    capacities = {c["id"]: c for c in snap["capacity"]}
    g = nx.MultiDiGraph()
    legend: list[tuple[str, str]] = []

    full = registry_graph.build(snap, lang)
    targets = {r["id"]: _title(r, "titleFa", r["id"], lang) for key in ("need", "issue") for r in snap[key]}

    def agency_name(ident: str) -> str:
        return _title(agencies.get(ident), "nameFa", ident, lang)

    def w(key: str, **fmt: object) -> str:
        return words.explorer(lang, key, **fmt)

    def agency_node(ident: str) -> None:
        if ident in full:
            g.add_node(ident, **full.nodes[ident])
        else:
            g.add_node(ident, type="Agency", label=agency_name(ident), title=ident)

    def match_text(m: Match) -> str:
        cap = _title(capacities.get(m.capacity_id), "titleFa", m.capacity_id, lang)
        arrow = "→" if lang == "en" else "←"
        return (f"{agency_name(m.provider)} {arrow} {agency_name(m.receiver)}\n{w('o_capacity', name=cap)}\n"
                f"{words.word(m.target_kind, lang)}: «{targets.get(m.target_id, m.target_id)}»\n{w('o_score', score=words.num(m.score, 2, lang))}")  # fmt: skip

    in_opportunity = set()
    for index, opp in enumerate(result.opportunities):
        color = PALETTE[index % len(PALETTE)]
        name = w("o_cycle" if opp.kind == "cycle" else "o_pair") + " → ".join(agency_name(a) for a in opp.agencies)
        legend.append((name + (w("o_chosen") if opp.chosen else ""), color))
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
                   title=w("o_in_place", cap=_title(capacities.get(m.capacity_id), "titleFa", m.capacity_id, lang), record=record))  # fmt: skip
    if result.in_place:
        legend.append((w("o_in_place_legend"), "#8a94a6"))
    for m in result.matches:
        if (m.capacity_id, m.target_id) not in in_opportunity:
            agency_node(m.provider)
            agency_node(m.receiver)
            g.add_edge(m.provider, m.receiver, type="can_help", color="#c9ced8", width=1, title=match_text(m))
    return g, legend


def stakeholder_graph(snap: Snapshot, stakeholders: list[Row], owed: list[Row], lang: Lang = "fa") -> nx.MultiDiGraph:
    """Stakeholders over the registry (#19.3): each linked to the duties that serve it (with their
    agencies), the issues it raised, and the agencies that owe it a commitment (open ones solid, kept
    dashed green, broken dashed red)."""
    from service.domain.stakeholder import QUADRANT_EN, QUADRANT_FA, TYPE_FA, quadrant
    from service.pictures.style import LOOKS

    en = lang == "en"
    full = registry_graph.build(snap, lang)
    g = nx.MultiDiGraph()

    def copy(ident: str) -> bool:
        if ident in full and ident not in g:
            g.add_node(ident, **full.nodes[ident])
        return ident in full

    for s in stakeholders:
        q = quadrant(int(s["power"]), int(s["interest"]))
        name = str((s.get("nameEn") if en else None) or s["nameFa"])
        fields = [("name" if en else "نام", name), ("group" if en else "گروه", s["type"].replace("_", " ") if en else TYPE_FA[s["type"]]),
                  ("quadrant" if en else "خانهٔ جدول", QUADRANT_EN[q] if en else QUADRANT_FA[q]),
                  ("power / interest / influence" if en else "قدرت / علاقه / نفوذ",
                   " / ".join(words.num(int(s[k]), lang=lang) for k in ("power", "interest", "influence")))]  # fmt: skip
        look = LOOKS["Stakeholder"].name_en if en else LOOKS["Stakeholder"].name_fa
        g.add_node(s["id"], type="Stakeholder", label=name, fields=fields, quadrant=q,
                   title="\n".join([name, look, *[f"{k}: {v}" for k, v in fields[1:]]]))  # fmt: skip
        for duty in s.get("dutyIds") or []:
            if copy(duty):
                g.add_edge(s["id"], duty, type="SERVED_BY", color="#b5179e", width=1.5)
                for holder, _, data in full.in_edges(duty, data=True):
                    if data.get("type") == "HAS_DUTY" and copy(holder):
                        g.add_edge(holder, duty, type="HAS_DUTY", color="#c9ced8", width=1)
        for issue in s.get("issueIds") or []:
            if copy(issue):
                g.add_edge(s["id"], issue, type="VOICED", color="#c8341f", width=1.5)
    colours = {"open": ("#b5179e", False), "kept": ("#2e9e4f", True), "broken": ("#c8341f", True)}
    for c in owed:
        if c["stakeholderId"] in g and copy(c["ownerId"]):
            colour, dashed = colours.get(c["status"], ("#9aa3b2", True))
            due = words.jdate(c.get("dueDate"), lang)
            g.add_edge(c["ownerId"], c["stakeholderId"], type="OWES", color=colour, dashes=dashed, width=2.5,
                       title=f"{c['textFa']}\n{due}")  # fmt: skip
    # stakeholders are what the picture is about: sized above the agencies, so their names show at the first view
    top = max((d for _, d in g.degree()), default=0) + 1
    for s in stakeholders:
        if s["id"] in g:
            g.nodes[s["id"]]["size"] = 3 * top + int(s.get("influence") or 1)
    return g
