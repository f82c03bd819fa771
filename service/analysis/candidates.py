"""Which duty pairs the duplication analysis looks at: blocks, then sparse text top-k inside each.

A block is the duties of one COFOG group, or the duties naming one thesaurus object concept (or
its narrower concepts), in one place (a city and its districts; a province- or country-wide duty
joins every place): duties in two cities never overlap, so a country's blocks stay a city's size
and the work grows with the number of cities, not its square. A small block gives all its pairs; a big one gives each duty's ``k`` nearest
by TF-IDF character n-grams weighed *inside the block*, so common grams of a big registry do not
wipe out the grams that tell a block's duties apart (a fixed document-frequency cut over a province
lost 99.7% of the planted duplicates), and the product stays sparse. Output: at most
``n × k × blocks per duty`` pairs, never a dense all-pairs loop over the registry.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import partial

import numpy as np
from scipy import sparse

from service.analysis.evidence import DutyFacts
from service.analysis.textsim import best_per_pair, top_k_arrays, weigh
from service.analysis.vocab.geography import CITY, geography as vocab_geography, shipped_kinds
from service.analysis.vocab.thesaurus import Thesaurus
from service.forked import in_two

WIDE = frozenset({"country", "province"})  # levels that contain cities: a duty there may meet any place

ALL_PAIRS_UP_TO = 48  # a block this small gives all its pairs (at most 1,128)


def places(geography: Sequence[str]) -> tuple[str, ...] | None:
    """The separate areas (a city and what lies in it) a duty's geography falls in; None when it names
    an area wider than a city (the province, the country), which may contain any of them.

    Two codes overlap only when one contains the other (``vocab.geography``), so duties with no place
    in common can never be a finding (``evidence.classify``): a block is split by place, every wide
    duty joining each part. Each code's place is the topmost ancestor of its chain below the wide
    levels: D9 → city (Mashhad), Bardaskan → Bardaskan, a code nobody knows → itself."""
    geo = vocab_geography()
    kinds = shipped_kinds()
    out: set[str] = set()
    for code in geography or (CITY,):
        chain = geo.chain(code)
        narrow = [c for c in chain if kinds.get(c) not in WIDE]
        if not narrow or kinds.get(code) in WIDE:
            return None
        out.add(narrow[-1])
    return tuple(sorted(out))


def blocks(duties: Sequence[DutyFacts], thesaurus: Thesaurus) -> dict[tuple[str, str, str], list[int]]:
    """(kind, key, place) → duty indices; blocks of one agency only are left out."""
    out: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, d in enumerate(duties):
        if d.group:
            out[("group", d.group)].append(i)
        # what the duty works on (places such as streets left out, as the evidence does), and each
        # one's broader concept
        objects = d.object_sets.ids if d.object_sets is not None else d.objects
        keys = set(objects)
        for o in objects:
            keys |= set(thesaurus.concepts[o].broader)
        for k in keys:
            out[("concept", k)].append(i)
    where = [places(d.geography) for d in duties]
    split: dict[tuple[str, str, str], list[int]] = {}
    for (kind, key), rows in out.items():
        at, wide = by_place(rows, where)
        for place, part in (at or {"": []}).items():  # none: every duty of the block is province- or country-wide
            members = joined(part, wide)
            if len({duties[i].agency for i in members}) > 1:
                split[(kind, key, place)] = members
    return split


def by_place(rows: Iterable[int], where: Sequence[tuple[str, ...] | None]) -> tuple[dict[str, list[int]], list[int]]:
    """Each place's rows (``where[i]``: the places of row i, from ``places``), and the wide rows
    (None: any place) that join every place's block. Duplication and win-win block the same way."""
    at: dict[str, list[int]] = defaultdict(list)
    wide: list[int] = []
    for i in rows:
        p = where[i]
        if p is None:
            wide.append(i)
        for place in p or ():
            at[place].append(i)
    return at, wide


def joined(part: list[int], wide: list[int]) -> list[int]:
    """A place's rows with the wide ones, in index order."""
    return sorted(set(part) | set(wide)) if wide else part


def candidate_pairs(duties: Sequence[DutyFacts], counts: sparse.csr_matrix, thesaurus: Thesaurus,
                    k: int, min_text: float, k_concept: int | None = None, workers: int = 1) -> list[tuple[tuple[int, int], float]]:  # fmt: skip
    """((i, j), the best text cosine any block gave them), i < j, each pair once; different agencies only. A big
    COFOG-group block keeps ``k`` neighbours per duty, a big concept block ``k_concept`` (it only adds
    pairs across groups, which need their objects to meet anyway). The blocks' pairs are gathered as
    arrays and reduced once, not merged pair by pair in Python; with ``workers`` 2 the blocks are
    shared between this process and a forked one (``forked.in_two``)."""
    _, agency = np.unique(np.asarray([d.agency for d in duties], dtype=object), return_inverse=True)
    found = list(blocks(duties, thesaurus).items())
    # the bigger blocks first, each to the lighter side: a block's product grows with its rows squared
    found.sort(key=lambda item: -len(item[1]))
    sides: tuple[list[tuple[str, list[int]]], list[tuple[str, list[int]]]] = ([], [])
    load = [0, 0]
    for (kind, _, _), rows in found:
        side = 0 if load[0] <= load[1] else 1
        sides[side].append((kind, rows))
        load[side] += len(rows) ** 2
    kept = partial(_block_pairs, counts=counts, agency=agency, k=k, k_concept=k_concept or k, min_text=min_text)
    mine, theirs = in_two(partial(kept, sides[0]), partial(kept, sides[1]), workers)
    lo, hi, best = best_per_pair(*(np.concatenate((a, b)) for a, b in zip(mine, theirs, strict=True)))
    return list(zip(zip(lo.tolist(), hi.tolist(), strict=True), best.tolist(), strict=True))


def _block_pairs(chosen: list[tuple[str, list[int]]], *, counts: sparse.csr_matrix, agency: np.ndarray, k: int,
                 k_concept: int, min_text: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """The pairs of agencies' duties these blocks give, with their text cosines (a pair may repeat)."""
    got_i: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    got_j: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    got_s: list[np.ndarray] = [np.zeros(0, dtype=np.float64)]
    for kind, rows in chosen:
        idx = np.asarray(rows, dtype=np.int64)
        weighted = weigh(counts[idx], max_docs=None)
        if len(rows) <= ALL_PAIRS_UP_TO:
            a, b = np.triu_indices(len(rows), 1)
            s = np.asarray((weighted @ weighted.T).toarray()[a, b], dtype=np.float64)
        else:
            a, b, s = top_k_arrays(weighted, weighted, k if kind == "group" else k_concept, min_text, same=True)
        i, j = idx[a], idx[b]
        other = agency[i] != agency[j]
        got_i.append(i[other])
        got_j.append(j[other])
        got_s.append(s[other])
    return np.concatenate(got_i), np.concatenate(got_j), np.concatenate(got_s)
