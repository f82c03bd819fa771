"""Working groups drawn over the registry (issue 19): each group with the agencies that sit in it, one
edge colour per role (lead, member, supervisor, secretariat, facilitator, observer), and the group it
answers to. The same nodes and side-panel fields as /graph, with the group's level, plan and seats."""

from __future__ import annotations

import networkx as nx

from service.analysis.snapshot import Snapshot
from service.pictures import registry_graph
from service.registry.wg_roles import ROLE_FA
from service.site.lang import Lang

ROLE_COLORS = {"lead": "#0f6e5a", "member": "#8a94a6", "supervisor": "#c8341f", "secretariat": "#2f6fdb",
               "facilitator": "#e08a00", "observer": "#7a3fc4"}  # fmt: skip
LEVEL_FA = {"council": "شورا", "plan": "کارگروه اجرایی طرح", "headquarters": "ستادی", "organisation": "سازمانی", "district": "منطقه‌ای"}


def role_name(role: str, lang: Lang) -> str:
    return role if lang == "en" else ROLE_FA.get(role, role)


def groups_graph(snap: Snapshot, lang: Lang = "fa") -> tuple[nx.MultiDiGraph, list[tuple[str, str]]]:
    """The groups, their members by role and their parents; the legend of role colours."""
    full = registry_graph.build(snap, lang)
    g = nx.MultiDiGraph()
    groups = {w["id"]: w for w in snap["working_group"]}
    used: set[str] = set()
    for w in groups.values():
        data = dict(full.nodes[w["id"]])
        seats = [(role_name(m["role"], lang), str(full.nodes[m["agencyId"]]["label"]) if m["agencyId"] in full else m["agencyId"])
                 for m in sorted(w.get("members") or [], key=lambda m: list(ROLE_COLORS).index(m["role"]) if m["role"] in ROLE_COLORS else 9)]  # fmt: skip
        extra = [("level" if lang == "en" else "سطح", w["level"] if lang == "en" else LEVEL_FA.get(w["level"], w["level"]))] if w.get("level") else []
        if w.get("planId"):
            extra.append(("plan" if lang == "en" else "طرح", w["planId"]))
        data["fields"] = list(data.get("fields") or []) + extra + seats
        g.add_node(w["id"], **data)
        for m in w.get("members") or []:
            if m["agencyId"] not in full:
                continue
            g.add_node(m["agencyId"], **full.nodes[m["agencyId"]])
            role = m["role"]
            used.add(role)
            g.add_edge(m["agencyId"], w["id"], type=f"role_{role}", color=ROLE_COLORS.get(role, "#c9ced8"),
                       width=3 if role in ("lead", "secretariat", "supervisor") else 1.5, dashes=role in ("facilitator", "observer"),
                       title=f"{role_name(role, lang)}: {full.nodes[m['agencyId']]['label']}")  # fmt: skip
    for w in groups.values():
        if w.get("parentGroupId") in groups:
            g.add_edge(w["id"], w["parentGroupId"], type="UNDER", color="#1d2330", width=2,
                       title="answers to" if lang == "en" else "زیر نظر")  # fmt: skip
    legend = [(role_name(r, lang), c) for r, c in ROLE_COLORS.items() if r in used]
    return g, legend
