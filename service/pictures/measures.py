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
