"""Merge and prioritise issues: when several agencies raise the same problem it is one problem with
more weight, not several. Near-identical issues from *different* raisers become one merged issue,
ranked by how severe it is and how far it reaches. Only open issues are ranked (a merged one by its open
members); issues whose members are all resolved or closed are listed apart."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from service.analysis.snapshot import Row, Snapshot
from service.analysis.textsim import tfidf, top_k
from service.domain.enums import IssueStatus
from service.text.persian import normalize

SEVERITY_WEIGHTS: Mapping[str, int] = {"low": 1, "medium": 2, "high": 3, "critical": 4}
DONE = frozenset({IssueStatus.RESOLVED.value, IssueStatus.CLOSED.value})


@dataclass
class MergedIssue:
    """One problem, possibly raised several times; ``similarities`` is the evidence for the merge."""

    id: str
    member_ids: list[str]
    title: str
    raisers: list[str]
    agencies_affected: list[str]
    duties_blocked: list[str]
    severity: str
    open_count: int
    priority: float
    similarities: list[dict[str, Any]] = field(default_factory=list)
    lead_id: str = ""  # the member whose title the merged issue carries

    @property
    def merged(self) -> bool:
        return len(self.member_ids) > 1


@dataclass
class IssueClusters:
    """Every issue exactly once: in a merged issue of ≥ 2 members or as its own entry; ranked."""

    min_similarity: float
    issues: list[MergedIssue] = field(default_factory=list)  # with an open member: ranked
    resolved: list[MergedIssue] = field(default_factory=list)  # every member resolved or closed: apart, by id

    def merged(self) -> list[MergedIssue]:
        return [m for m in self.issues + self.resolved if m.merged]

    def as_dict(self) -> dict[str, Any]:
        return {
            "minSimilarity": self.min_similarity,
            "ranking": "open issues only (a merged issue ranks by its open members); resolved ones are listed apart",
            "issues": [asdict(m) | {"merged": m.merged} for m in self.issues],
            "resolved": [asdict(m) | {"merged": m.merged} for m in self.resolved],
        }


def _text(issue: Row) -> str:
    return " ".join(normalize(issue.get(f)) for f in ("titleFa", "descriptionFa", "titleEn"))


def cluster_issues(snap: Snapshot, min_similarity: float = 0.4, *, k: int = 10,
                   severity_weights: Mapping[str, int] | None = None, severity_factor: float = 10.0,
                   agency_factor: float = 3.0, duty_factor: float = 5.0) -> IssueClusters:  # fmt: skip
    """Merge issues of different raisers whose TF-IDF char n-gram cosine is ≥ ``min_similarity``.

    Links join issues of different raising agencies only (one agency repeating itself is not
    corroboration); connected components of the link graph are the merged issues. Priority is

        severity_factor × weight(max severity) + agency_factor × |agencies affected|
        + duty_factor × |duties blocked|

    with weights low 1, medium 2, high 3, critical 4 and factors 10, 3, 5 by default; agencies
    affected are the raisers and every agency the issues concern. Ranked by priority, then open
    members, then id.
    """
    weights = dict(severity_weights or SEVERITY_WEIGHTS)
    issues = sorted(snap["issue"], key=lambda i: i["id"])
    graph = nx.Graph()
    graph.add_nodes_from(range(len(issues)))
    if len(issues) > 1:
        matrix = tfidf([_text(i) for i in issues])
        for a, b, sim in top_k(matrix, matrix, k=k, min_sim=min_similarity, same=True):
            if issues[a].get("raisedById") != issues[b].get("raisedById"):
                graph.add_edge(a, b, similarity=sim)
    merged = []
    for component in nx.connected_components(graph):
        members = [issues[i] for i in sorted(component)]
        sims = [{"a": issues[a]["id"], "b": issues[b]["id"], "similarity": round(d["similarity"], 4)}
                for a, b, d in graph.subgraph(component).edges(data=True)]  # fmt: skip
        merged.append(_merge(members, sorted(sims, key=lambda s: (s["a"], s["b"])), weights,
                             severity_factor, agency_factor, duty_factor))  # fmt: skip
    live = sorted((m for m in merged if m.open_count), key=lambda m: (-m.priority, -m.open_count, m.id))
    done = sorted((m for m in merged if not m.open_count), key=lambda m: m.id)
    return IssueClusters(min_similarity=min_similarity, issues=live, resolved=done)


def _merge(members: list[Row], sims: list[dict[str, Any]], weights: Mapping[str, int],
           severity_factor: float, agency_factor: float, duty_factor: float) -> MergedIssue:  # fmt: skip
    """Fold members into one entry; the title is the most severe (then open, then first) member's."""

    def rank(issue: Row) -> tuple[int, bool, str]:
        return (-weights.get(issue.get("severity") or "", 0), issue.get("status") in DONE, issue["id"])

    lead = min(members, key=rank)
    live = [i for i in members if i.get("status") not in DONE] or members  # priority counts what is still open
    raisers = {i["raisedById"] for i in members if i.get("raisedById")}
    affected = raisers | {a for i in members for a in (i.get("concernsIds") or [])}
    duties = {i["blocksDutyId"] for i in members if i.get("blocksDutyId")}
    live_affected = {i["raisedById"] for i in live if i.get("raisedById")} | {a for i in live for a in (i.get("concernsIds") or [])}
    live_duties = {i["blocksDutyId"] for i in live if i.get("blocksDutyId")}
    severity = min(live, key=rank).get("severity") or "low"
    priority = (severity_factor * weights.get(severity, 0) + agency_factor * len(live_affected)
                + duty_factor * len(live_duties))  # fmt: skip
    return MergedIssue(
        id="mi-" + members[0]["id"],
        member_ids=[i["id"] for i in members],
        title=lead.get("titleFa") or lead["id"],
        raisers=sorted(raisers),
        agencies_affected=sorted(affected),
        duties_blocked=sorted(duties),
        severity=severity,
        open_count=sum(1 for i in members if i.get("status") not in DONE),
        priority=priority,
        similarities=sims,
        lead_id=lead["id"],
    )
