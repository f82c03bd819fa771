"""Which duty pairs the duplication analysis looks at: blocks, then sparse text top-k inside each.

A block is the duties of one COFOG group, or the duties naming one thesaurus object concept (or
its narrower concepts). A small block gives all its pairs; a big one gives each duty's ``k`` nearest
by TF-IDF character n-grams weighed *inside the block*, so common grams of a big registry do not
wipe out the grams that tell a block's duties apart (a fixed document-frequency cut over a province
lost 99.7% of the planted duplicates), and the product stays sparse. Output: at most
``n × k × blocks per duty`` pairs, never a dense all-pairs loop over the registry.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from service.analysis.evidence import DutyFacts
from service.analysis.textsim import top_k, weigh
from service.analysis.vocab.thesaurus import Thesaurus

ALL_PAIRS_UP_TO = 48  # a block this small gives all its pairs (at most 1,128)


def blocks(duties: Sequence[DutyFacts], thesaurus: Thesaurus) -> dict[tuple[str, str], list[int]]:
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
    return {k: v for k, v in out.items() if len({duties[i].agency for i in v}) > 1}


def candidate_pairs(duties: Sequence[DutyFacts], counts: sparse.csr_matrix, thesaurus: Thesaurus,
                    k: int, min_text: float, k_concept: int | None = None) -> dict[tuple[int, int], float]:  # fmt: skip
    """(i, j) with i < j → the best text cosine any block gave them; different agencies only. A big
    COFOG-group block keeps ``k`` neighbours per duty, a big concept block ``k_concept`` (it only adds
    pairs across groups, which need their objects to meet anyway)."""
    agency = np.asarray([d.agency for d in duties], dtype=object)
    pairs: dict[tuple[int, int], float] = {}
    for (kind, _), rows in blocks(duties, thesaurus).items():
        idx = np.asarray(rows)
        weighted = weigh(counts[idx], max_docs=None)
        if len(rows) <= ALL_PAIRS_UP_TO:
            sims = (weighted @ weighted.T).toarray()
            found = [(a, b, float(sims[a, b])) for a in range(len(rows)) for b in range(a + 1, len(rows))]
        else:
            found = top_k(weighted, weighted, k if kind == "group" else (k_concept or k), min_text, same=True)
        for a, b, s in found:
            i, j = int(idx[a]), int(idx[b])
            if agency[i] == agency[j]:
                continue
            key = (i, j) if i < j else (j, i)
            if s > pairs.get(key, -1.0):
                pairs[key] = s
    return pairs
