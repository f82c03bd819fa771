"""Win-win opportunities (برد-برد): one agency's capacity answering another's need or issue.

What is matched is the registry's present state on ``today`` (``present.py``): live capacities and
needs only, windows from today on, and whatever is already arranged (an exchange or a live request
between the same parties) shown *in place*, never recommended. A match needs the same kind, text
that names the same thing (the thesaurus's concepts, else character n-grams), compatible units
(``units.py``: L/s covers m³/day, tonnes never cover m³/day) and windows that meet.

Each match is valued (``value.py``): what meeting the need is worth (its stated value, pro rata to
the share covered, or a stated default), what giving costs the provider (pro rata to the share of
the capacity used), and who gains how much. The reciprocal pairs and exchange cycles (A → B → C → A)
of the "can help" graph are packed exactly (``packing.py``): deterministic, optimal when proven,
the gap to the bound otherwise. A sensitivity view says whether the plan holds if values move ±25%.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from scipy import sparse

from service.analysis import meaning, packing, present
from service.analysis.matrix import AgencyMatrix, AgencyRef
from service.analysis.snapshot import Snapshot
from service.analysis.textsim import tfidf, top_k
from service.analysis.units import cover
from service.analysis.vocab import default_thesaurus
from service.analysis.vocab.thesaurus import Thesaurus
from service.settings import WinWinParams

# objects that only restate a resource's kind: two funding records both name a budget whatever they fund
KIND_OBJECTS = {"funding": frozenset({"obj.budget", "obj.investment"}), "data": frozenset({"obj.data"})}
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
    benefit_source: str = ""
    cost_source: str = ""
    cover: float | None = None  # share of the need met, in the need's unit
    unit: str | None = None
    in_place: dict[str, Any] | None = None  # the exchange or request that already arranges it

    @property
    def net(self) -> float:
        return self.benefit_rials - self.cost_rials


@dataclass
class Party:
    """What one agency gets and gives in an opportunity."""

    agency_id: str
    gains_rials: float
    gives_rials: float

    @property
    def net_rials(self) -> float:
        return self.gains_rials - self.gives_rials


@dataclass
class Opportunity:
    id: str
    kind: str  # reciprocal | cycle
    agencies: list[str]  # in giving order: agencies[i] gives to agencies[i+1], the last to the first
    matches: list[Match]
    net_benefit_rials: float
    chosen: bool = False
    parties: list[Party] = field(default_factory=list)

    @property
    def everyone_gains(self) -> bool:
        return all(p.net_rials > 0 for p in self.parties)

    @property
    def carriers(self) -> list[str]:
        """Agencies left worse off or even: they carry the cost of the others' gain."""
        return [p.agency_id for p in self.parties if p.net_rials <= 0]


@dataclass
class WinWinResult:
    parameters: dict[str, Any]
    matches: list[Match]
    opportunities: list[Opportunity]
    total_chosen_rials: float
    matrix: AgencyMatrix = field(repr=False)
    cycles_truncated: bool = False  # kept for readers of old results: every cycle is now priced
    optimal: bool = True
    gap: float = 0.0
    bound_rials: float = 0.0
    in_place: list[Match] = field(default_factory=list)
    left_out: dict[str, dict[str, int]] = field(default_factory=dict)
    sensitivity_of: Any = field(default=None, repr=False)  # () -> scenarios, run on first use (5 more solves)
    assumptions: list[str] = field(default_factory=list)
    solver: dict[str, Any] = field(default_factory=dict)

    @property
    def chosen(self) -> list[Opportunity]:
        return [o for o in self.opportunities if o.chosen]

    @property
    def sensitivity(self) -> list[dict[str, Any]]:
        """The plan solved again with values moved ±25%: computed when first asked for, then kept."""
        if callable(self.sensitivity_of):
            self.sensitivity_of = self.sensitivity_of()
        return list(self.sensitivity_of or [])

    def as_dict(self) -> dict[str, Any]:
        return {
            "parameters": self.parameters,
            "assumptions": self.assumptions,
            "matches": [asdict(m) | {"net": m.net} for m in self.matches],
            "opportunities": [opportunity_dict(o) for o in self.opportunities],
            "inPlace": [asdict(m) | {"net": m.net} for m in self.in_place],
            "leftOut": self.left_out,
            "totalChosenRials": self.total_chosen_rials,
            "cyclesTruncated": self.cycles_truncated,
            "optimal": self.optimal,
            "gap": self.gap,
            "boundRials": self.bound_rials,
            "solver": self.solver,
            "sensitivity": self.sensitivity,
            "matrix": self.matrix.as_dict(),
        }


def opportunity_dict(o: Opportunity) -> dict[str, Any]:
    return asdict(o) | {
        "matches": [asdict(m) | {"net": m.net} for m in o.matches],
        "parties": [asdict(p) | {"net_rials": p.net_rials} for p in o.parties],
        "everyone_gains": o.everyone_gains,
        "carriers": o.carriers,
    }


def _doc(row: dict[str, Any]) -> str:
    parts = (row.get("titleFa"), row.get("titleFa"), row.get("descriptionFa"), row.get("titleEn"), row.get("descriptionEn"))
    return " ".join(p for p in parts if p)


def _doc_fa(row: dict[str, Any]) -> str:
    """What the thesaurus reads: the Persian title and description (its labels are Persian first)."""
    return " ".join(p for p in (row.get("titleFa"), row.get("descriptionFa")) if p)


class _Text:
    """Relatedness of records: the thesaurus's concepts (synonym rings, broader/narrower) on
    normalised Persian, with character n-gram cosine as a floor for what it does not know."""

    def __init__(self, docs: list[str], kinds: list[str] | None = None, concept_docs: list[str] | None = None,
                 thesaurus: Thesaurus | None = None) -> None:  # fmt: skip
        self.vectors = tfidf(docs)
        self.thesaurus = thesaurus if thesaurus is not None else default_thesaurus()
        self.concepts: list[frozenset[str]] = [frozenset()] * len(docs)
        if kinds is not None and concept_docs is not None:
            self.concepts = [self.thesaurus.concepts_of(d) - KIND_OBJECTS.get(k, frozenset())
                             for d, k in zip(concept_docs, kinds, strict=True)]  # fmt: skip
        # each record's concepts split once into objects and activities (``meet`` compares ~8 pairs a record)
        self.objects = [self.thesaurus.of_type(c, "object") for c in self.concepts]
        self.activities = [self.thesaurus.of_type(c, "activity") for c in self.concepts]

    def cosines(self, pairs: list[tuple[int, int]]) -> list[float]:
        """Cosine of each pair of rows, in one sparse product (not one product per pair)."""
        if not pairs or not self.vectors.shape[1]:
            return [0.0] * len(pairs)
        left = self.vectors[[a for a, _ in pairs]]
        right = self.vectors[[b for _, b in pairs]]
        return np.asarray(left.multiply(right).sum(axis=1)).ravel().tolist()

    def keys(self, i: int) -> frozenset[str]:
        """What a record is indexed under to meet others: its object concepts and their parents."""
        objects = self.objects[i]
        return objects | {b for c in objects for b in self.thesaurus.concepts[c].broader}

    def meet(self, i: int, j: int) -> tuple[float, list[str]]:
        """How well two records' concepts meet (``meaning.meet``) and the labels both name."""
        th = self.thesaurus
        score = meaning.meet_parts(self.objects[i], self.activities[i], self.objects[j], self.activities[j], th)
        return score, meaning.labels(self.concepts[i] & self.concepts[j], th)


Kept = tuple[Match, dict[str, Any], dict[str, Any]]


def _live(rows: list[dict[str, Any]], key: str, today: str, left_out: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    out = []
    for row in sorted(rows, key=lambda r: r["id"]):
        status = present.status_on(row, key, today)
        if status in present.LIVE and (present.remaining(row, key) or 1.0) > 0:
            out.append(row)
        else:
            bucket = left_out.setdefault(key, {})
            bucket[status] = bucket.get(status, 0) + 1
    return out


@dataclass
class Matched:
    """The matches before what is already arranged is set apart: each need's and issue's best offers,
    and the live records' left-out counts. ``pairs`` are the (giver, taker) agencies whose exchanges
    may show one of them in place: all a reader of the store has to fetch of the exchanges."""

    kept: list[Kept]
    left_out: dict[str, dict[str, int]]

    @property
    def pairs(self) -> list[tuple[str, str]]:
        return sorted({(m.provider, m.receiver) for m, _, _ in self.kept})


def find_matches(snap: Snapshot, params: WinWinParams, today: str, left_out: dict[str, dict[str, int]] | None = None,
                 thesaurus: Thesaurus | None = None, matched: Matched | None = None) -> tuple[list[Match], list[Match]]:  # fmt: skip
    """(new matches, matches already in place), each in a fixed order. ``matched``: the first step
    (``match``) already done, and ``snap``'s exchanges read for its pairs only."""
    matched = matched or match(snap, params, today, thesaurus)
    if left_out is not None:
        left_out.update(matched.left_out)
    arranged = present.Arranged(snap["exchange"], snap["request"], today)
    return _split_arranged(matched.kept, arranged, params)


def match(snap: Snapshot, params: WinWinParams, today: str, thesaurus: Thesaurus | None = None) -> Matched:
    """Every live capacity against every live need of its kind and every open issue: candidates by
    text and by shared concepts, kept when kind, meaning, units and windows agree, best few per target."""
    left_out: dict[str, dict[str, int]] = {}
    caps = _live(snap["capacity"], "capacity", today, left_out)
    needs = _live(snap["need"], "need", today, left_out)
    issues = sorted((i for i in snap["issue"] if i.get("status") in OPEN_ISSUE), key=lambda i: i["id"])
    text = _Text([_doc(r) for r in caps + needs + issues], [r.get("kind") or "" for r in caps + needs + issues],
                 [_doc_fa(r) for r in caps + needs + issues], thesaurus)
    n_caps, n_needs = len(caps), len(needs)
    cap_v, need_v, issue_v = text.vectors[:n_caps], text.vectors[n_caps : n_caps + n_needs], text.vectors[n_caps + n_needs :]

    candidates: dict[tuple[int, int], float] = {}
    cap_by_kind: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(caps):
        cap_by_kind[c["kind"]].append(i)
    need_by_kind: dict[str, list[int]] = defaultdict(list)
    for j, n in enumerate(needs):
        need_by_kind[n["kind"]].append(j)
    for kind in sorted(need_by_kind):
        need_rows, cap_rows = need_by_kind[kind], cap_by_kind.get(kind, [])
        if not cap_rows:
            continue
        for a, b, sim in top_k(need_v[need_rows], cap_v[cap_rows], params.neighbours, params.min_text):
            candidates[(need_rows[a], cap_rows[b])] = sim
        for a, b in _most_shared(text, [n_caps + j for j in need_rows], cap_rows, params.concept_candidates):
            candidates.setdefault((need_rows[a], cap_rows[b]), -1.0)
    unknown = [pair for pair in sorted(candidates) if candidates[pair] < 0]
    for pair, sim in zip(unknown, text.cosines([(n_caps + j, i) for j, i in unknown]), strict=True):
        candidates[pair] = sim

    kept: list[tuple[Match, dict[str, Any], dict[str, Any]]] = []
    for (j, i) in sorted(candidates):
        need, cap, sim = needs[j], caps[i], candidates[(j, i)]
        if need["agencyId"] == cap["agencyId"] or not present.windows_meet(cap, need, today):
            continue
        meet, shared = text.meet(n_caps + j, i)
        relatedness = max(min(1.0, sim / 0.6), meet)
        if relatedness < params.min_related:
            continue
        fit = cover(present.remaining(cap, "capacity"), cap.get("unit"), present.remaining(need, "need"), need.get("unit"))
        if not fit.comparable:
            continue
        score = params.weight_text * relatedness + params.weight_quantity * fit.fit + params.weight_window
        if score >= params.min_score:
            kept.append((_need_match(cap, need, sim, score, fit, shared, params), cap, need))

    if issues and caps:
        for a, b, sim in top_k(issue_v, cap_v, params.neighbours, params.issue_min_text):
            issue, cap = issues[a], caps[b]
            if cap["agencyId"] == issue["raisedById"]:
                continue
            step = SEVERITY.get(issue.get("severity", "low"), 1)
            match = Match(
                cap["id"], issue["id"], "issue", cap["agencyId"], issue["raisedById"], round(sim, 4), round(sim, 4),
                float(step * params.issue_value_rials), float(cap.get("costRials") or 0),
                f"capacity text answers the issue ({sim:.2f})",
                benefit_source=f"default: {params.issue_value_rials:,} rials × severity {issue.get('severity')} ({step})",
                cost_source="stated cost of the capacity" if cap.get("costRials") else "no cost stated: 0",
            )  # fmt: skip
            kept.append((match, cap, issue))
    return Matched(_best_per_target(kept, params.matches_per_need), left_out)


def _most_shared(text: _Text, left: list[int], right: list[int], k: int, block: int = 512) -> list[tuple[int, int]]:
    """Records naming the same thing in other words: for each ``left`` record, the ``k`` ``right``
    records sharing most of its concept keys (``_Text.keys``), ties to the lower index (the lower id:
    rows are in id order). One sparse product per block of rows, not a Python loop per shared key."""
    if k <= 0 or not left or not right:
        return []
    keys = {i: sorted(text.keys(i)) for i in (*left, *right)}
    index = {c: n for n, c in enumerate(sorted({c for ks in keys.values() for c in ks}))}

    def incidence(rows: list[int]) -> sparse.csr_matrix:
        indptr: list[int] = [0]
        indices: list[int] = []
        for i in rows:
            indices.extend(index[c] for c in keys[i])
            indptr.append(len(indices))
        return sparse.csr_matrix((np.ones(len(indices)), np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
                                 shape=(len(rows), len(index)))  # fmt: skip

    left_m, right_t = incidence(left), incidence(right).T.tocsr()
    out: list[tuple[int, int]] = []
    for start in range(0, len(left), block):
        product = (left_m[start : start + block] @ right_t).tocsr()
        product.sort_indices()
        for r in range(product.shape[0]):
            lo, hi = product.indptr[r], product.indptr[r + 1]
            if lo == hi:
                continue
            cols, shared = product.indices[lo:hi], product.data[lo:hi]
            best = cols[np.lexsort((cols, -shared))[:k]] if len(cols) > k else cols
            out.extend((start + r, int(b)) for b in best)
    return out


def _split_arranged(kept: list[tuple[Match, dict[str, Any], dict[str, Any]]], arranged: present.Arranged,
                    params: WinWinParams) -> tuple[list[Match], list[Match]]:  # fmt: skip
    """Matches already arranged: a live request about the capacity or the need between the two
    parties, or an exchange between them (giver to taker) whose text names the same thing. A need
    or issue with one of its offers in place is being met: its other offers are not recommended."""
    pending: list[tuple[int, dict[str, Any]]] = []  # (index in kept, exchange) still to compare by text
    found: dict[int, present.Arrangement] = {}
    for k, (m, cap, target) in enumerate(kept):
        request = arranged.request_for(m.provider, m.receiver, cap["id"], target["id"])
        if request is not None:
            found[k] = request
            continue
        for x in arranged.exchanges_between(m.provider, m.receiver):
            if arranged.exchange_counts(x, target if m.target_kind == "need" else None):
                pending.append((k, x))
    if pending:  # one small corpus: the exchanges in question and the records they may arrange, once each
        index: dict[str, int] = {}
        docs: list[str] = []

        def at(key: str, row: dict[str, Any]) -> int:
            if key not in index:
                index[key] = len(docs)
                docs.append(_doc(row))
            return index[key]

        pairs = []
        for k, x in pending:
            _, cap, target = kept[k]
            pairs.append((at("x:" + x["id"], x), at("t:" + target["id"], target), at("c:" + cap["id"], cap)))
        text = _Text(docs)
        sims = text.cosines([(x, t) for x, t, _ in pairs] + [(x, c) for x, _, c in pairs])
        for n, (k, x) in enumerate(pending):
            if max(sims[n], sims[len(pending) + n]) >= params.arranged_text and k not in found:
                found[k] = present.as_arrangement(x)
    taken = {kept[k][0].target_id for k in found}
    fresh: list[Match] = []
    in_place: list[Match] = []
    for k, (m, _, _) in enumerate(kept):
        if k in found:
            m.in_place = found[k].as_dict()
            in_place.append(m)
        elif m.target_id not in taken:
            fresh.append(m)
    return sorted(fresh, key=_order), sorted(in_place, key=_order)


def _order(m: Match) -> tuple[str, str, str, str]:
    return (m.provider, m.receiver, m.capacity_id, m.target_id)


def _best_per_target(kept: list[Kept], keep: int) -> list[Kept]:
    """Each need or issue keeps its ``keep`` best offers: enough to choose from, few enough that
    the can-help graph (and its cycles) stays proportional to the registry."""
    by_target: dict[str, list[Kept]] = defaultdict(list)
    for item in kept:
        by_target[item[0].target_id].append(item)
    return [item for t in sorted(by_target) for item in sorted(by_target[t], key=lambda x: (-x[0].score, x[0].capacity_id))[:keep]]


def _need_match(cap: dict[str, Any], need: dict[str, Any], sim: float, score: float, fit: Any,
                shared: list[str], params: WinWinParams) -> Match:  # fmt: skip
    """The value model of one match: benefit pro rata to the share of the need covered, cost pro
    rata to the share of the capacity used; each with where its figure comes from."""
    stated = need.get("valueRials")
    value = float(stated if stated is not None else params.default_value_rials)
    quantity, left = need.get("quantity"), present.remaining(need, "need")
    still = (left / float(quantity)) if quantity and left is not None else 1.0  # a partly met need is worth its rest
    benefit = value * still * fit.share
    if stated is not None:
        source = f"stated value {int(stated):,} rials" + (f" ({need['valueSource']})" if need.get("valueSource") else "")
    else:
        source = f"default {params.default_value_rials:,} rials (the need states no value)"
    source += f" × {still:.2f} still wanted × {fit.share:.2f} covered" if fit.known else " (no quantity to compare: taken as met)"
    cost_stated = cap.get("costRials")
    cost = float(cost_stated or 0) * fit.used
    cost_source = (f"stated cost {int(cost_stated):,} rials × {fit.used:.2f} of the capacity used" if cost_stated
                   else "no cost stated: 0")  # fmt: skip
    words = f"shared concepts {', '.join(sorted(shared))}" if shared else f"text {sim:.2f}"
    why = f"same kind ({need['kind']}), {words}, {fit.describe()}, windows meet from today"
    return Match(
        cap["id"], need["id"], "need", cap["agencyId"], need["agencyId"], round(score, 4), round(sim, 4),
        round(benefit, 2), round(cost, 2), why, source, cost_source,
        round(fit.share, 4) if fit.known else None, fit.unit,
    )  # fmt: skip


def _parties(matches: list[Match]) -> list[Party]:
    gains: dict[str, float] = defaultdict(float)
    gives: dict[str, float] = defaultdict(float)
    for m in matches:
        gains[m.receiver] += m.benefit_rials
        gives[m.provider] += m.cost_rials
    return [Party(a, round(gains[a], 2), round(gives[a], 2)) for a in sorted(set(gains) | set(gives))]


def _opportunity(column: packing.Column, agencies: tuple[str, ...]) -> Opportunity:
    matches = [m for m in column if isinstance(m, Match)]
    return Opportunity(packing.column_id(column), "reciprocal" if len(agencies) == 2 else "cycle", list(agencies),
                       matches, round(sum(m.net for m in matches), 2), parties=_parties(matches))  # fmt: skip


SCENARIOS = (
    ("benefits -25%", 0.75, 1.0, None),
    ("benefits +25%", 1.25, 1.0, None),
    ("costs +25%", 1.0, 1.25, None),
    ("costs -25%", 1.0, 0.75, None),
    ("chosen benefits -25%, the rest +25%", 1.0, 1.0, "against"),
)


def analyse_winwin(snap: Snapshot, params: WinWinParams, today: str, thesaurus: Thesaurus | None = None,
                   matched: Matched | None = None) -> WinWinResult:  # fmt: skip
    """``today`` (ISO) is when the registry is judged: passed in, never read from the clock here.
    ``thesaurus``: the shipped one with the directorate's terms (default: the shipped one).
    ``matched``: ``match`` already run on ``snap`` (whose exchanges are then those of its pairs)."""
    agencies = snap.agencies()
    left_out: dict[str, dict[str, int]] = {}
    matches, in_place = find_matches(snap, params, today, left_out, thesaurus, matched)
    matrix = AgencyMatrix("winwin", [AgencyRef(a["id"], a["nameFa"], a.get("nameEn"), a.get("code")) for a in
                                     sorted(agencies.values(), key=lambda a: a["id"])])  # fmt: skip
    arcs: dict[tuple[str, str], list[packing.Arc]] = defaultdict(list)
    for m in matches:
        matrix.add(m.provider, m.receiver, m.score, {"capacityId": m.capacity_id, "targetId": m.target_id,
                                                      "targetKind": m.target_kind, "net": m.net, "why": m.why})  # fmt: skip
        arcs[(m.provider, m.receiver)].append(m)
    cycles = packing.agency_cycles(list(arcs), params.max_cycle_length)
    selection = packing.solve(cycles, arcs, lambda m: m.net, params.solver_seconds)  # type: ignore[attr-defined]
    opportunities = _opportunities(cycles, arcs, selection)
    chosen = [o for o in opportunities if o.chosen]

    def sensitivity() -> list[dict[str, Any]]:
        return [_scenario(name, fb, fc, mode, cycles, arcs, chosen, params, selection.columns) for name, fb, fc, mode in SCENARIOS]

    parameters = params.model_dump() | {"today": today}
    return WinWinResult(
        parameters, matches, opportunities, round(selection.total, 2), matrix, False, selection.optimal, selection.gap,
        round(selection.bound, 2), sorted(in_place, key=lambda m: (m.provider, m.receiver, m.capacity_id, m.target_id)),
        left_out, sensitivity, _assumptions(params, today, matches),
        {"agencyCycles": selection.cycles, "columns": len(selection.columns), "pricingRounds": selection.rounds,
         "notes": selection.notes},
    )  # fmt: skip


def _opportunities(cycles: list[tuple[str, ...]], arcs: dict[tuple[str, str], list[packing.Arc]],
                   selection: packing.Selection) -> list[Opportunity]:  # fmt: skip
    """Each agency cycle's best instantiation, and the chosen columns (which may use another match)."""
    found: dict[str, Opportunity] = {}
    for cycle in cycles:
        edges = [(cycle[k], cycle[(k + 1) % len(cycle)]) for k in range(len(cycle))]
        column = tuple(max(arcs[e], key=lambda m: (m.net, m.capacity_id, m.target_id)) for e in edges)  # type: ignore[attr-defined]
        opp = _opportunity(column, cycle)
        found.setdefault(opp.id, opp)
    for j in selection.chosen:
        column = selection.columns[j]
        agencies = tuple(m.provider for m in column)
        start = agencies.index(min(agencies))
        opp = _opportunity(column[start:] + column[:start], agencies[start:] + agencies[:start])
        found[opp.id] = opp
        opp.chosen = True
    return sorted(found.values(), key=lambda o: (not o.chosen, -o.net_benefit_rials, o.id))


def _scenario(name: str, fb: float, fc: float, mode: str | None, cycles: list[tuple[str, ...]],
              arcs: dict[tuple[str, str], list[packing.Arc]], chosen: list[Opportunity], params: WinWinParams,
              start: list[packing.Column]) -> dict[str, Any]:  # fmt: skip
    """Solve again with values moved; does the chosen set change? ``against``: the chosen
    opportunities lose 25% of their benefit while every other gains 25%."""
    chosen_ids = {o.id for o in chosen}
    in_chosen = {(m.capacity_id, m.target_id) for o in chosen for m in o.matches}

    def net(m: Any) -> float:
        if mode == "against":
            factor = 0.75 if (m.capacity_id, m.target_id) in in_chosen else 1.25
            return float(m.benefit_rials * factor - m.cost_rials)
        return float(m.benefit_rials * fb - m.cost_rials * fc)

    sel = packing.solve(cycles, arcs, net, params.solver_seconds, start=start)
    ids = {packing.column_id(sel.columns[j]) for j in sel.chosen}
    return {"scenario": name, "sameSet": ids == chosen_ids, "added": sorted(ids - chosen_ids),
            "removed": sorted(chosen_ids - ids), "totalRials": round(sel.total, 2), "optimal": sel.optimal}  # fmt: skip


def _assumptions(params: WinWinParams, today: str, matches: list[Match]) -> list[str]:
    defaulted = sum(1 for m in matches if m.benefit_source.startswith("default"))
    return [
        f"judged on {today}: met, withdrawn and expired capacities and needs are left out; windows count from today",
        ("already arranged (an exchange or a live request between the same parties for that capacity or need) is shown "
         "in place, never recommended; a need with one offer in place is being met and leaves the plan"),
        "benefit = the need's stated value × the share still wanted × the share the capacity covers (in the need's unit)",
        f"a need with no stated value is worth {params.default_value_rials:,} rials ({defaulted} matches use it)",
        f"an issue is worth {params.issue_value_rials:,} rials per severity step (low 1 … critical 4)",
        "cost to the provider = the capacity's stated cost × the share of the capacity used; none stated counts 0",
        ("units convert within one dimension (flow, volume, area, mass, length, time, people, power, money); "
         "other units match only the same name; incompatible units never match"),
        "the plan maximises the total net benefit; each capacity and each need is used once",
        "sensitivity: the plan solved again with benefits or costs moved by 25%",
    ]

