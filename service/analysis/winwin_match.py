"""Win-win matching on the registry's present state: live capacities against live needs of their kind
and open issues, candidates by text and shared concepts, kept when meaning, units and windows agree;
then what is already arranged (a live request or an exchange between the parties) is set apart."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from service.analysis import present
from service.analysis.snapshot import Snapshot
from service.analysis.textsim import top_k
from service.analysis.units import cover
from service.analysis.vocab.thesaurus import Thesaurus
from service.analysis.winwin_place import agency_places, parts
from service.analysis.winwin_result import Match
from service.analysis.winwin_text import RecordText, doc_fa, doc_text, most_shared
from service.analysis.winwin_value import need_match
from service.forked import in_two
from service.settings import WinWinParams

SEVERITY = {"low": 1, "medium": 2, "high": 3, "critical": 4}
OPEN_ISSUE = {"open", "in_progress"}


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
                 thesaurus: Thesaurus | None = None, matched: Matched | None = None,
                 workers: int = 1) -> tuple[list[Match], list[Match]]:  # fmt: skip
    """(new matches, matches already in place), each in a fixed order. ``matched``: the first step
    (``match``) already done, and ``snap``'s exchanges read for its pairs only. ``workers``: as
    ``RecordText`` takes it."""
    matched = matched or match(snap, params, today, thesaurus)
    if left_out is not None:
        left_out.update(matched.left_out)
    arranged = present.Arranged(snap["exchange"], snap["request"], today)
    return _split_arranged(matched.kept, arranged, params, workers)


def match(snap: Snapshot, params: WinWinParams, today: str, thesaurus: Thesaurus | None = None,
          workers: int = 1) -> Matched:  # fmt: skip
    """Every live capacity against every live need of its kind and every open issue in the same place
    (``winwin_place``: a city and its districts; province-wide and unplaced agencies meet every place):
    candidates by text and by shared concepts, kept when kind, meaning, units and windows agree, best
    few per target. ``workers``: as ``RecordText`` takes it."""
    left_out: dict[str, dict[str, int]] = {}
    caps = _live(snap["capacity"], "capacity", today, left_out)
    needs = _live(snap["need"], "need", today, left_out)
    issues = sorted((i for i in snap["issue"] if i.get("status") in OPEN_ISSUE), key=lambda i: i["id"])
    text = RecordText([doc_text(r) for r in caps + needs + issues], [r.get("kind") or "" for r in caps + needs + issues],
                 [doc_fa(r) for r in caps + needs + issues], thesaurus, workers)
    n_caps, n_needs = len(caps), len(needs)
    cap_v, need_v, issue_v = text.vectors[:n_caps], text.vectors[n_caps : n_caps + n_needs], text.vectors[n_caps + n_needs :]

    cap_by_kind: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(caps):
        cap_by_kind[c["kind"]].append(i)
    need_by_kind: dict[str, list[int]] = defaultdict(list)
    for j, n in enumerate(needs):
        need_by_kind[n["kind"]].append(j)
    where = agency_places(snap)
    cap_at = [where.get(c["agencyId"]) for c in caps]

    def scan(kinds: list[str]) -> list[tuple[Match, int, int]]:
        """The needs of ``kinds`` against the capacities of their kind: (match, capacity, need), the
        best few per need. A need meets capacities of its own kind only, so kinds scan apart."""
        candidates: dict[tuple[int, int], float] = {}
        for kind in kinds:
            for need_part, cap_part in parts([where.get(needs[j]["agencyId"]) for j in need_by_kind[kind]],
                                             [cap_at[i] for i in cap_by_kind.get(kind, [])]):  # fmt: skip
                need_rows = [need_by_kind[kind][a] for a in need_part]
                cap_rows = [cap_by_kind[kind][b] for b in cap_part]
                for a, b, sim in top_k(need_v[need_rows], cap_v[cap_rows], params.neighbours, params.min_text):
                    candidates[(need_rows[a], cap_rows[b])] = sim
                for a, b in most_shared(text, [n_caps + j for j in need_rows], cap_rows, params.concept_candidates):
                    candidates.setdefault((need_rows[a], cap_rows[b]), -1.0)
        unknown = [pair for pair in sorted(candidates) if candidates[pair] < 0]
        for pair, sim in zip(unknown, text.cosines([(n_caps + j, i) for j, i in unknown]), strict=True):
            candidates[pair] = sim

        kept: list[Kept] = []
        at: dict[int, tuple[int, int]] = {}  # id(need's match) → (capacity, need): sent back as numbers
        for (j, i) in sorted(candidates):
            need, cap, sim = needs[j], caps[i], candidates[(j, i)]
            if need["agencyId"] == cap["agencyId"] or not present.windows_meet(cap, need, today):
                continue
            # quantities before meaning: of a city's 25,000 candidates a third have units that compare, and
            # text that close (0.6) is related whatever the concepts say; the concepts' meet is the dear part
            fit = cover(present.remaining(cap, "capacity"), cap.get("unit"), present.remaining(need, "need"), need.get("unit"))
            if not fit.comparable:
                continue
            relatedness = min(1.0, sim / 0.6)
            if relatedness < 1.0:
                relatedness = max(relatedness, text.meet(n_caps + j, i))
            if relatedness < params.min_related:
                continue
            score = params.weight_text * relatedness + params.weight_quantity * fit.fit + params.weight_window
            if score >= params.min_score:
                found = need_match(cap, need, sim, score, fit, text.shared(n_caps + j, i), params)
                at[id(found)] = (i, j)
                kept.append((found, cap, need))
        return [(m, *at[id(m)]) for m, _, _ in _best_per_target(kept, params.matches_per_need)]

    # the kinds in two halves of about the same work (needs × capacities), the second in a forked process
    # (``forked.in_two``): past the text's vectors this was a city's matching, one core idle
    halves: tuple[list[str], list[str]] = ([], [])
    load = [0, 0]
    for kind in sorted(need_by_kind, key=lambda k: (-len(need_by_kind[k]) * len(cap_by_kind.get(k, ())), _kind_order(k))):
        side = 0 if load[0] <= load[1] else 1
        halves[side].append(kind)
        load[side] += len(need_by_kind[kind]) * len(cap_by_kind.get(kind, ()))
    first, second = in_two(lambda: scan(sorted(halves[0], key=_kind_order)), lambda: scan(sorted(halves[1], key=_kind_order)),
                           workers if min(load) else 1)  # fmt: skip
    # in (need, capacity) order, as one scan makes them: offers tied on everything keep their order
    kept = [(m, caps[i], needs[j]) for m, i, j in sorted(first + second, key=lambda t: (t[2], t[1]))]

    found: dict[tuple[int, int], float] = {}
    for issue_part, cap_part in parts([where.get(i["raisedById"]) for i in issues], cap_at):
        for a, b, sim in top_k(issue_v[issue_part], cap_v[cap_part], params.neighbours, params.issue_min_text):
            found[(issue_part[a], cap_part[b])] = sim
    for (a, b), sim in sorted(found.items()):
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
    return Matched(_best_per_target(kept, params.matches_per_need), left_out)  # a need's offers, cut by scan already, stay



def _split_arranged(kept: list[tuple[Match, dict[str, Any], dict[str, Any]]], arranged: present.Arranged,
                    params: WinWinParams, workers: int = 1) -> tuple[list[Match], list[Match]]:  # fmt: skip
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
                docs.append(doc_text(row))
            return index[key]

        pairs = []
        for k, x in pending:
            _, cap, target = kept[k]
            pairs.append((at("x:" + x["id"], x), at("t:" + target["id"], target), at("c:" + cap["id"], cap)))
        text = RecordText(docs, workers=workers)  # a city's 2,600 matches: 4,900 docs
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


def _kind_order(kind: str | None) -> tuple[bool, str]:
    """Kinds in order, a record stored without one (no writer through the API can) last, not a TypeError."""
    return (kind is None, kind or "")


def _best_per_target(kept: list[Kept], keep: int) -> list[Kept]:
    """Each need or issue keeps its ``keep`` best offers: enough to choose from, few enough that
    the can-help graph (and its cycles) stays proportional to the registry. Among equal scores (the
    score tops out at 1 for every offer naming the need's concepts in full) the closer text wins, then
    the lower id: by id alone, a province's many equal offers pushed out the one restating the need."""
    by_target: dict[str, list[Kept]] = defaultdict(list)
    for item in kept:
        by_target[item[0].target_id].append(item)
    return [item for t in sorted(by_target) for item in sorted(by_target[t], key=lambda x: (-x[0].score, -x[0].text_similarity, x[0].capacity_id))[:keep]]

