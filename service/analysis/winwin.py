"""Win-win opportunities (برد-برد): one agency's capacity answering another's need or issue.

Matches are scored on kind, text, quantity and availability window; their worth is the need's
stated value (or the issue's severity) times the match score, less the capacity's cost. From the
matches comes a directed "can help" graph between agencies; its reciprocal pairs and exchange
cycles (A → B → C → A) are the opportunities, and an exact integer programme (SciPy's ``milp``,
HiGHS) chooses the set with the largest total net benefit, each capacity and need used once.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx
import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import lil_matrix

from service.analysis.matrix import AgencyMatrix, AgencyRef
from service.analysis.snapshot import Snapshot
from service.analysis.textsim import tfidf, top_k
from service.settings import WinWinParams

SEVERITY = {"low": 1, "medium": 2, "high": 3, "critical": 4}
OPEN_ISSUE = {"open", "in_progress"}


@dataclass
class Match:
    """A capacity of ``provider`` answering a need (or an issue) of ``receiver``."""

    capacity_id: str
    target_id: str  # a need or an issue
    target_kind: str  # need | issue
    provider: str
    receiver: str
    score: float
    text_similarity: float
    benefit_rials: float
    cost_rials: float
    why: str

    @property
    def net(self) -> float:
        return self.benefit_rials - self.cost_rials


@dataclass
class Opportunity:
    id: str
    kind: str  # reciprocal | cycle
    agencies: list[str]  # in giving order: agencies[i] gives to agencies[i+1], the last to the first
    matches: list[Match]
    net_benefit_rials: float
    chosen: bool = False


@dataclass
class WinWinResult:
    parameters: dict[str, Any]
    matches: list[Match]
    opportunities: list[Opportunity]
    total_chosen_rials: float
    matrix: AgencyMatrix = field(repr=False)
    cycles_truncated: bool = False
    optimal: bool = True  # False when the solver's time limit stopped it with a good, unproven set

    @property
    def chosen(self) -> list[Opportunity]:
        return [o for o in self.opportunities if o.chosen]

    def as_dict(self) -> dict[str, Any]:
        return {
            "parameters": self.parameters,
            "matches": [asdict(m) | {"net": m.net} for m in self.matches],
            "opportunities": [asdict(o) for o in self.opportunities],
            "totalChosenRials": self.total_chosen_rials,
            "cyclesTruncated": self.cycles_truncated,
            "optimal": self.optimal,
            "matrix": self.matrix.as_dict(),
        }


def _doc(row: dict[str, Any]) -> str:
    parts = (row.get("titleFa"), row.get("titleFa"), row.get("descriptionFa"), row.get("titleEn"), row.get("descriptionEn"))
    return " ".join(p for p in parts if p)


def _window_fits(cap: dict[str, Any], need: dict[str, Any]) -> bool:
    start, end = cap.get("availableFrom"), cap.get("availableTo")
    want_start, want_end = need.get("neededFrom"), need.get("neededTo")
    if end and want_start and end < want_start:
        return False
    return not (start and want_end and start > want_end)


def _quantity(cap: dict[str, Any], need: dict[str, Any]) -> float:
    have, want = cap.get("quantity"), need.get("quantity")
    if have is None or want is None or not want:
        return 0.5
    if (cap.get("unit") or "") != (need.get("unit") or ""):
        return 0.25
    return min(1.0, float(have) / float(want))


def find_matches(snap: Snapshot, params: WinWinParams) -> list[Match]:
    caps, needs = snap["capacity"], snap["need"]
    issues = [i for i in snap["issue"] if i.get("status") in OPEN_ISSUE]
    vectors = tfidf([_doc(r) for r in caps + needs + issues])
    cap_v, need_v, issue_v = vectors[: len(caps)], vectors[len(caps) : len(caps) + len(needs)], vectors[len(caps) + len(needs) :]
    matches: list[Match] = []
    by_kind: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(caps):
        by_kind[c["kind"]].append(i)
    need_by_kind: dict[str, list[int]] = defaultdict(list)
    for j, n in enumerate(needs):
        need_by_kind[n["kind"]].append(j)
    for kind, need_rows in need_by_kind.items():
        cap_rows = by_kind.get(kind, [])
        if not cap_rows:
            continue
        for a, b, text in top_k(need_v[need_rows], cap_v[cap_rows], params.neighbours, params.min_text):
            need, cap = needs[need_rows[a]], caps[cap_rows[b]]
            if need["agencyId"] == cap["agencyId"] or not _window_fits(cap, need):
                continue
            qty = _quantity(cap, need)
            score = params.weight_text * min(1.0, text / 0.6) + params.weight_quantity * qty + params.weight_window
            if score < params.min_score:
                continue
            value = need.get("valueRials") or params.default_value_rials
            matches.append(Match(
                cap["id"], need["id"], "need", cap["agencyId"], need["agencyId"], round(score, 4), round(text, 4),
                value * score, float(cap.get("costRials") or 0),
                f"same kind ({kind}), text {text:.2f}, quantity cover {qty:.2f}, windows overlap",
            ))  # fmt: skip
    if issues and caps:
        for a, b, text in top_k(issue_v, cap_v, params.neighbours, params.issue_min_text):
            issue, cap = issues[a], caps[b]
            if cap["agencyId"] == issue["raisedById"]:
                continue
            worth = SEVERITY.get(issue.get("severity", "low"), 1) * params.issue_value_rials * text
            matches.append(Match(
                cap["id"], issue["id"], "issue", cap["agencyId"], issue["raisedById"], round(text, 4), round(text, 4),
                worth, float(cap.get("costRials") or 0), f"capacity text answers the issue ({text:.2f})",
            ))  # fmt: skip
    return _best_per_target(matches, params.matches_per_need)


def _best_per_target(matches: list[Match], keep: int) -> list[Match]:
    """Each need or issue keeps its ``keep`` best offers: enough to choose from, few enough that
    the can-help graph (and its cycles) stays proportional to the registry."""
    by_target: dict[str, list[Match]] = defaultdict(list)
    for m in matches:
        by_target[m.target_id].append(m)
    return [m for group in by_target.values() for m in sorted(group, key=lambda m: (-m.score, m.capacity_id))[:keep]]


def _opportunity(kind: str, agencies: list[str], matches: list[Match]) -> Opportunity:
    key = "|".join(sorted(f"{m.capacity_id}>{m.target_id}" for m in matches))
    ident = "ww-" + hashlib.sha1(key.encode()).hexdigest()[:12]
    return Opportunity(ident, kind, agencies, matches, round(sum(m.net for m in matches), 2))


def analyse_winwin(snap: Snapshot, params: WinWinParams) -> WinWinResult:
    agencies = snap.agencies()
    matches = find_matches(snap, params)
    matrix = AgencyMatrix("winwin", [AgencyRef(a["id"], a["nameFa"], a.get("nameEn"), a.get("code")) for a in agencies.values()])
    best: dict[tuple[str, str], Match] = {}
    for m in matches:
        matrix.add(m.provider, m.receiver, m.score, {"capacityId": m.capacity_id, "targetId": m.target_id,
                                                      "targetKind": m.target_kind, "net": m.net, "why": m.why})  # fmt: skip
        edge = (m.provider, m.receiver)
        if edge not in best or m.net > best[edge].net:
            best[edge] = m
    graph = nx.DiGraph()
    graph.add_edges_from(best)  # a cycle may carry one costly edge and still pay off as a whole
    opportunities: list[Opportunity] = []
    truncated = False
    for count, cycle in enumerate(nx.simple_cycles(graph, length_bound=params.max_cycle_length)):
        if count >= params.max_cycles:
            truncated = True
            break
        edges = [(cycle[i], cycle[(i + 1) % len(cycle)]) for i in range(len(cycle))]
        start = cycle.index(min(cycle))  # a canonical rotation, so ids are stable
        ordered = cycle[start:] + cycle[:start]
        opportunities.append(_opportunity("reciprocal" if len(cycle) == 2 else "cycle", ordered, [best[e] for e in edges]))
    opportunities.sort(key=lambda o: (-o.net_benefit_rials, o.id))
    total, optimal = _choose(opportunities, params.solver_seconds)
    return WinWinResult(params.model_dump(), matches, opportunities, total, matrix, truncated, optimal)


def _choose(opportunities: list[Opportunity], seconds: float = 10.0) -> tuple[float, bool]:
    """Cycle-packing integer programme: maximise net benefit, each capacity and target used once.
    Returns the chosen total and whether the solver proved it optimal within its time limit."""
    useful = [o for o in opportunities if o.net_benefit_rials > 0]
    if not useful:
        return 0.0, True
    resources = sorted({r for o in useful for m in o.matches for r in (f"c:{m.capacity_id}", f"t:{m.target_id}")})
    index = {r: i for i, r in enumerate(resources)}
    a = lil_matrix((len(resources), len(useful)))
    for j, o in enumerate(useful):
        for m in o.matches:
            a[index[f"c:{m.capacity_id}"], j] = 1
            a[index[f"t:{m.target_id}"], j] = 1
    scale = max(o.net_benefit_rials for o in useful)
    result = milp(
        c=-np.array([o.net_benefit_rials / scale for o in useful]),
        constraints=LinearConstraint(a.tocsr(), ub=np.ones(len(resources))),
        integrality=np.ones(len(useful)),
        bounds=Bounds(0, 1),
        options={"time_limit": seconds},
    )
    if result.x is None:
        return 0.0, False
    total = 0.0
    for j, o in enumerate(useful):
        if result.x[j] > 0.5:
            o.chosen = True
            total += o.net_benefit_rials
    return round(total, 2), bool(result.status == 0)
