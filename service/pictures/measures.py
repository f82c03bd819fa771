"""What the explorer can size and colour nodes by: degree, exchange volume (rials), betweenness,
Louvain community, and the COFOG division of an agency's lead duties."""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

SAMPLE_ABOVE = 400  # betweenness on a sample of pivots above this many nodes (exact below)


def measures(g: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Per node: degree, volume, betweenness (0..1), community (1-based), division."""
    simple = nx.Graph(g.to_undirected(as_view=True))
    n = simple.number_of_nodes()
    if n == 0:
        return {}
    k = None if n <= SAMPLE_ABOVE else min(200, n)
    between = nx.betweenness_centrality(simple, k=k, seed=7, normalized=True)
    communities = nx.community.louvain_communities(simple, seed=7) if simple.number_of_edges() else [set(simple)]
    community = {node: i + 1 for i, group in enumerate(sorted(communities, key=len, reverse=True)) for node in group}
    out: dict[str, dict[str, Any]] = {}
    for node, data in g.nodes(data=True):
        volume = float(data.get("amount") or 0)
        if data["type"] == "Agency":
            volume = sum(float(d.get("amount") or 0) for _, _, d in g.out_edges(node, data=True) if d.get("type") == "GAVE")
            volume += sum(float(d.get("amount") or 0) for _, _, d in g.in_edges(node, data=True) if d.get("type") == "TO")
            divisions = Counter(g.nodes[m].get("division") for m in g.successors(node) if g.nodes[m]["type"] == "Duty")
            division = divisions.most_common(1)[0][0] if divisions else ""
        else:
            division = data.get("division", "")
        out[node] = {"degree": simple.degree(node), "volume": volume, "betweenness": round(between.get(node, 0.0), 4),
                     "community": community.get(node, 0), "division": division or ""}  # fmt: skip
    return out


def tree_positions(g: nx.MultiDiGraph, gap: float = 380.0, level: float = 170.0, row: float = 70.0,
                   columns: int = 3) -> dict[str, tuple[float, float]]:  # fmt: skip
    """The agency tree (PART_OF, child -> parent) laid out top-down: roots on top, each parent over
    its parts; a parent's leaf parts sit in a block of ``columns`` columns (thirteen districts side
    by side did not fit a screen), and agencies in no tree form a block of their own below."""
    agencies = [n for n, d in g.nodes(data=True) if d["type"] == "Agency"]
    parent = {a: b for a, b, d in g.edges(data=True) if d.get("type") == "PART_OF" and a in g and b in g}
    children: dict[str, list[str]] = {a: [] for a in agencies}
    for child, up in parent.items():
        if up in children and child in children:
            children[up].append(child)
    label = {a: str(g.nodes[a].get("label", a)) for a in agencies}
    pos: dict[str, tuple[float, float]] = {}
    cursor = [0.0]
    deepest = [0.0]

    def block(nodes: list[str], top: float) -> tuple[float, float]:
        """Leaves in rows of ``columns``; returns the block's left and right x."""
        left = cursor[0]
        for i, leaf in enumerate(nodes):
            pos[leaf] = (left + (i % columns) * gap, top + (i // columns) * row)
            deepest[0] = max(deepest[0], pos[leaf][1])
        cursor[0] = left + min(len(nodes), columns) * gap
        return left, cursor[0] - gap

    def place(node: str, depth: int, seen: frozenset[str]) -> float:
        kids = [c for c in sorted(children.get(node, []), key=label.__getitem__) if c not in seen]
        inner = [c for c in kids if children.get(c)]
        leaves = [c for c in kids if not children.get(c)]
        xs = [place(c, depth + 1, seen | {node}) for c in inner]
        if leaves:
            xs += list(block(leaves, (depth + 1) * level))
        if not xs:
            x = cursor[0]
            cursor[0] += gap
        else:
            x = (min(xs) + max(xs)) / 2
        pos[node] = (x, depth * level)
        deepest[0] = max(deepest[0], depth * level)
        return x

    roots = sorted((a for a in agencies if a not in parent), key=label.__getitem__)
    for root in (r for r in roots if children.get(r)):
        place(root, 0, frozenset())
    alone = [r for r in roots if not children.get(r)]
    if alone:
        cursor[0] = 0.0
        block(alone, deepest[0] + level)
    return pos
