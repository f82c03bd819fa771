"""A coordination plan drawn over the agency network: agencies as in /graph, and one edge per action
between each pair of its owners (a loop for a single owner), coloured by the action's status, wider
for the money it is expected to be worth, dashed when it is late."""

from __future__ import annotations

import math
from itertools import combinations

import networkx as nx

from service.analysis.snapshot import Snapshot
from service.pictures import registry_graph, words
from service.registry.plan_actions import is_late
from service.registry.plan_views import expected_of
from service.site.lang import Lang
from service.storage.port import Row

STATUS_COLORS = {"proposed": "#9aa3b2", "agreed": "#2f6fdb", "in_progress": "#e08a00", "done": "#2e9e4f", "cancelled": "#c9ced8"}
LATE = {"fa": "خط‌چین: دیرکرد", "en": "dashed: late"}


def action_text(a: Row, today: str, lang: Lang) -> str:
    """The hover text of an action's edge, in the page's language (its title stays as written)."""
    due = words.jdate(a.get("dueDate"), lang)
    late = (" — late" if lang == "en" else " — دیرکرد") if is_late(a, today) else ""
    worth = words.rials(expected_of(a), lang) or ("0 rials" if lang == "en" else "۰ ریال")
    done = words.rials(int(a.get("realisedRials") or 0), lang) or ("0 rials" if lang == "en" else "۰ ریال")
    labels = ("due", "expected", "realised") if lang == "en" else ("سررسید", "پیش‌بینی", "تحقق")
    return "\n".join([f"«{a['titleFa']}»", f"{words.word(a['status'], lang)}{late}", f"{labels[0]}: {due}",
                      f"{labels[1]}: {worth} · {labels[2]}: {done}"])  # fmt: skip


def plan_graph(snap: Snapshot, actions: list[Row], today: str, lang: Lang = "fa") -> tuple[nx.MultiDiGraph, list[tuple[str, str]]]:
    full = registry_graph.build(snap, lang)
    g = nx.MultiDiGraph()
    for a in actions:
        owners = sorted(a.get("ownerIds") or [])
        for o in owners:
            if o in full and o not in g:
                g.add_node(o, **full.nodes[o])
        pairs = [(o, o) for o in owners] if len(owners) == 1 else list(combinations(owners, 2))
        width = round(1.5 + math.log10(1 + expected_of(a) / 1e9) * 2, 2)
        for x, y in pairs:
            if x in g and y in g:
                g.add_edge(x, y, type=a["status"], color=STATUS_COLORS[a["status"]], width=width, arrow=False,
                           dashes=is_late(a, today), title=action_text(a, today, lang), action=a["id"])  # fmt: skip
    legend = [(words.word(s, lang), c) for s, c in STATUS_COLORS.items()] + [(LATE[lang], "#1d2330")]
    return g, legend
