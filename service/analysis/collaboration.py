"""Collaboration structure from what agencies actually exchange: which clusters already work
together (candidate working groups), and which agencies bridge clusters (brokers worth keeping
in every group they connect)."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import networkx as nx

from service.analysis.followup import agency_refs
from service.analysis.matrix import AgencyMatrix
from service.analysis.snapshot import Snapshot
from service.domain.enums import ExchangeStatus

CANCELLED = ExchangeStatus.CANCELLED.value
COUNT_SHARE = 0.7  # exchanges are working together; money says how much rode on them
WEIGHTING = (f"weight = {COUNT_SHARE} × count / the largest count of any pair + {1 - COUNT_SHARE:.1f} × log(1 + rials) / "
             "log(1 + the largest rials of any pair): both scales 0..1, so a pair that works together often outweighs "
             "one large budget line")


@dataclass
class SuggestedGroup:
    """A Louvain community; ``existing`` is the working group sharing the most members, if any."""

    members: list[str]
    names: list[str]
    internal_weight: float
    existing: dict[str, Any] | None = None


@dataclass
class Broker:
    agency_id: str
    name_fa: str
    betweenness: float


@dataclass
class Collaboration:
    """The weighted exchange graph, its communities, its brokers and the provider → receiver matrix."""

    graph: nx.Graph
    groups: list[SuggestedGroup]
    brokers: list[Broker]
    matrix: AgencyMatrix
    seed: int
    modularity: float | None = None

    def as_dict(self) -> dict[str, Any]:
        edges = [{"a": a, "b": b} | d for a, b, d in sorted(self.graph.edges(data=True), key=lambda e: (e[0], e[1]))]
        return {
            "weighting": WEIGHTING,
            "seed": self.seed,
            "modularity": self.modularity,
            "edges": edges,
            "groups": [asdict(g) for g in self.groups],
            "brokers": [asdict(b) for b in self.brokers],
            "matrix": self.matrix.as_dict(),
        }


def exchange_graph(snap: Snapshot) -> nx.Graph:
    """Undirected; per pair the number of non-cancelled exchanges (either direction) and their total
    ``amountRials`` (``valueRials``: with the estimated worth of services and infrastructure, #18.3),
    put on one scale (``WEIGHTING``): counts by the largest count, rials on a log
    scale by the largest total. Adding counts to billions let one budget line make a "working group"."""
    graph = nx.Graph()
    for ex in sorted(snap["exchange"], key=lambda e: e["id"]):
        a, b = ex.get("providerId"), ex.get("receiverId")
        if not a or not b or a == b or ex.get("status") == CANCELLED:
            continue
        if not graph.has_edge(a, b):
            graph.add_edge(a, b, count=0, amountRials=0, estimatedRials=0, valueRials=0, weight=0.0)
        edge = graph[a][b]
        edge["count"] += 1
        edge["amountRials"] += int(ex.get("amountRials") or 0)
        # a service's or infrastructure's estimated worth counts too (#18.3), kept apart to say so
        estimated = int(ex.get("estimatedValueRials") or 0) if ex.get("amountRials") is None else 0
        edge["estimatedRials"] += estimated
        edge["valueRials"] += int(ex.get("amountRials") or 0) + estimated
    if graph.number_of_edges():
        top_count = max(d["count"] for _, _, d in graph.edges(data=True))
        top_rials = math.log1p(max(d["valueRials"] for _, _, d in graph.edges(data=True)))
        for _, _, d in graph.edges(data=True):
            money = math.log1p(d["valueRials"]) / top_rials if top_rials else 0.0
            d["weight"] = round(COUNT_SHARE * d["count"] / top_count + (1 - COUNT_SHARE) * money, 6)
    return graph


def _existing(members: set[str], snap: Snapshot) -> dict[str, Any] | None:
    """The working group with most members in common (ties: higher Jaccard, then id)."""
    best: tuple[int, float, str] | None = None
    found: dict[str, Any] | None = None
    for wg in snap["working_group"]:
        ids = {m["agencyId"] for m in wg.get("members") or [] if m.get("agencyId")}
        shared = len(ids & members)
        if not shared:
            continue
        jaccard = shared / len(ids | members)
        key = (-shared, -jaccard, wg["id"])
        if best is None or key < best:
            best, found = key, {"id": wg["id"], "nameFa": wg.get("nameFa"), "shared": shared,
                                "jaccard": round(jaccard, 4)}  # fmt: skip
    return found


def analyse_collaboration(snap: Snapshot, seed: int = 7, top_brokers: int = 10) -> Collaboration:
    """Louvain communities (weighted) as suggested groups; brokers by unweighted betweenness,
    since a bridge matters by the paths it sits on, not by the money that crosses it."""
    graph = exchange_graph(snap)
    refs = agency_refs(snap, set(graph.nodes))
    names = {a.id: a.name_fa for a in refs}
    matrix = AgencyMatrix("exchange_volume", refs, directed=True)
    for ex in sorted(snap["exchange"], key=lambda e: e["id"]):
        a, b = ex.get("providerId"), ex.get("receiverId")
        if not a or not b or ex.get("status") == CANCELLED:
            continue
        amount = ex.get("amountRials")
        estimate = ex.get("estimatedValueRials") if amount is None else None
        money = f", {amount:,} rials" if amount else f", {estimate:,} rials estimated ({ex.get('valuationMethod')})" if estimate else ""
        why = (f"{names.get(a, a)} gave {names.get(b, b)} {ex.get('kind')} «{ex.get('titleFa', '')}» "
               f"on {ex.get('date')}{money}")  # fmt: skip
        evidence = {"exchangeId": ex["id"], "kind": ex.get("kind"), "amountRials": amount, "date": ex.get("date"), "why": why}
        if estimate:
            evidence |= {"estimatedValueRials": estimate, "valuationMethod": ex.get("valuationMethod")}
        matrix.add(a, b, 1.0, evidence)
    groups: list[SuggestedGroup] = []
    modularity = None
    if graph.number_of_edges():
        communities = nx.community.louvain_communities(graph, weight="weight", seed=seed)
        # rounded: networkx sums each community as a set, whose order follows the hash seed, and the
        # last digits moved from run to run (…30758, …3075, …30747 for one registry; a review helper)
        modularity = round(float(nx.community.modularity(graph, communities, weight="weight")), 12)
        for community in communities:
            if len(community) < 2:
                continue
            members = sorted(community)
            internal = float(graph.subgraph(community).size(weight="weight"))
            groups.append(SuggestedGroup(members, [names.get(m, m) for m in members], round(internal, 6),
                                         _existing(community, snap)))  # fmt: skip
        groups.sort(key=lambda g: (-g.internal_weight, g.members))
    scores = nx.betweenness_centrality(graph, weight=None) if graph.number_of_nodes() else {}
    ranked = sorted((item for item in scores.items() if item[1] > 0), key=lambda kv: (-kv[1], kv[0]))
    brokers = [Broker(a, names.get(a, a), float(s)) for a, s in ranked[:top_brokers]]
    return Collaboration(graph, groups, brokers, matrix, seed, modularity)
