"""The registry as one networkx graph, filtered the way analysts ask (agency, kind, function,
exchange kind, Jalali years), and clustered by agency kind when it is too big to draw."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from service.analysis.snapshot import Snapshot
from service.text.jalali import jalali_year

Row = dict[str, Any]
DRAW_LIMIT = 1200  # more nodes than this and vis-network stops being readable (FIELD-NOTES.md)


@dataclass(frozen=True)
class GraphFilter:
    agency: str | None = None
    kind: str | None = None
    function: str | None = None
    exchange_kind: str | None = None
    year_from: int | None = None
    year_to: int | None = None

    def year_ok(self, iso: str | None) -> bool:
        if not iso or (self.year_from is None and self.year_to is None):
            return True
        year = jalali_year(iso)
        if year is None:  # a stored date no Jalali year holds: in none of the years a filter can name
            return False
        return (self.year_from is None or year >= self.year_from) and (self.year_to is None or year <= self.year_to)


def _title(*lines: str | None) -> str:
    return "\n".join(line for line in lines if line)


def build(snap: Snapshot) -> nx.MultiDiGraph:
    """Every record a node (``type``, ``label``, ``title``), every relation an edge (``type``)."""
    g = nx.MultiDiGraph()
    for a in snap["agency"]:
        g.add_node(a["id"], type="Agency", label=a["nameFa"], title=_title(a["nameFa"], a.get("nameEn"), a.get("kind")),
                   kind=a.get("kind"))  # fmt: skip
    for a in snap["agency"]:
        if a.get("parentId") in g:
            g.add_edge(a["id"], a["parentId"], type="PART_OF")
    for d in snap["duty"]:
        g.add_node(d["id"], type="Duty", label=d["titleFa"], title=_title(d["titleFa"], d.get("titleEn"), d["functionCode"]),
                   function=d["functionCode"])  # fmt: skip
        g.add_edge(d["agencyId"], d["id"], type="HAS_DUTY", role="lead")
        for s in d.get("supportAgencyIds") or []:
            g.add_edge(s, d["id"], type="HAS_DUTY", role="support")
    for key, label, rel in (("capacity", "Capacity", "OFFERS"), ("need", "Need", "NEEDS")):
        for r in snap[key]:
            g.add_node(r["id"], type=label, label=r["titleFa"], title=_title(r["titleFa"], r.get("titleEn"), r.get("kind")))
            g.add_edge(r["agencyId"], r["id"], type=rel)
    for i in snap["issue"]:
        g.add_node(i["id"], type="Issue", label=i["titleFa"], title=_title(i["titleFa"], i.get("severity"), i.get("status")),
                   date=i.get("raisedOn"))  # fmt: skip
        g.add_edge(i["raisedById"], i["id"], type="RAISED")
        for c in i.get("concernsIds") or []:
            g.add_edge(i["id"], c, type="CONCERNS")
    for x in snap["exchange"]:
        amount = x.get("amountRials")
        g.add_node(x["id"], type="Exchange", label=x["titleFa"], date=x.get("date"), exchange_kind=x["kind"],
                   amount=amount or 0, title=_title(x["titleFa"], x["kind"], f"{amount:,} ریال" if amount else None))  # fmt: skip
        g.add_edge(x["providerId"], x["id"], type="GAVE", amount=amount or 0)
        g.add_edge(x["id"], x["receiverId"], type="TO", amount=amount or 0)
    for r in snap["request"]:
        g.add_node(r["id"], type="Request", label=r["subject"], title=_title(r["subject"], r.get("status")),
                   date=r.get("filedOn"))  # fmt: skip
        g.add_edge(r["senderId"], r["id"], type="SENT")
        g.add_edge(r["id"], r["receiverId"], type="ADDRESSED_TO")
    for w in snap["working_group"]:
        g.add_node(w["id"], type="WorkingGroup", label=w["nameFa"], title=_title(w["nameFa"], w.get("nameEn")))
        for m in w.get("members") or []:
            g.add_edge(m["agencyId"], w["id"], type="MEMBER_OF", role=m["role"])
    return g


def apply(g: nx.MultiDiGraph, f: GraphFilter) -> nx.MultiDiGraph:
    """Keep what the filter asks for; a record goes when all the agencies it touches are gone."""
    keep = set(g.nodes)
    for n, data in g.nodes(data=True):
        t = data["type"]
        if t == "Exchange" and f.exchange_kind and data.get("exchange_kind") != f.exchange_kind:
            keep.discard(n)
        elif t in ("Exchange", "Request", "Issue") and not f.year_ok(data.get("date")):
            keep.discard(n)
        elif t == "Duty" and f.function and not str(data.get("function", "")).startswith(f.function):
            keep.discard(n)
        elif t == "Agency" and f.kind and data.get("kind") != f.kind:
            keep.discard(n)
    if f.function:  # agencies without a matching duty leave too
        keep -= {n for n, d in g.nodes(data=True) if d["type"] == "Agency"
                 and not any(g.nodes[m]["type"] == "Duty" and m in keep for m in g.successors(n))}  # fmt: skip
    view = g.subgraph(keep)
    records = [n for n, d in view.nodes(data=True) if d["type"] != "Agency"]
    orphans = {n for n in records if not any(view.nodes[m]["type"] == "Agency" for m in nx.all_neighbors(view, n))}
    view = g.subgraph(keep - orphans)
    if f.agency and f.agency in view:
        return ego(nx.MultiDiGraph(view), f.agency, 1)
    return nx.MultiDiGraph(view)


def ego(g: nx.MultiDiGraph, center: str, hops: int) -> nx.MultiDiGraph:
    """The records and agencies within ``hops`` steps of one agency, either direction."""
    return nx.MultiDiGraph(nx.ego_graph(g, center, radius=hops, undirected=True))


def cluster_by_kind(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Too big to draw: one node per agency kind, edges summed between kinds (records folded in)."""
    owner: dict[str, str] = {}
    for n, d in g.nodes(data=True):
        if d["type"] == "Agency":
            owner[n] = f"kind:{d.get('kind')}"
    for n, d in g.nodes(data=True):
        if n not in owner:
            agencies = [m for m in nx.all_neighbors(g, n) if m in owner]
            if agencies:
                owner[n] = owner[agencies[0]]
    c = nx.MultiDiGraph()
    sizes: dict[str, int] = {}
    for n, group in owner.items():
        sizes[group] = sizes.get(group, 0) + (1 if g.nodes[n]["type"] == "Agency" else 0)
    for group, size in sizes.items():
        c.add_node(group, type="Cluster", label=f"{group.split(':', 1)[1]} ({size})", title=f"{size} agencies", size=size)
    weights: dict[tuple[str, str], float] = {}
    for a, b, d in g.edges(data=True):
        ga, gb = owner.get(a), owner.get(b)
        if ga and gb and ga != gb:
            weights[(ga, gb)] = weights.get((ga, gb), 0.0) + 1.0
    for (a, b), w in weights.items():
        c.add_edge(a, b, type="LINKS", count=w)
    return c
