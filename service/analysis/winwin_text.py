"""How win-win tells that two records name the same thing: character n-gram TF-IDF, the thesaurus's
concepts (objects and activities, with broader terms as keys), and the records sharing most keys."""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import sparse

from service.analysis import meaning
from service.analysis.textsim import tfidf
from service.analysis.vocab import default_thesaurus
from service.analysis.vocab.thesaurus import Thesaurus
from service.forked import in_two

# objects that only restate a resource's kind: two funding records both name a budget whatever they fund
KIND_OBJECTS = {"funding": frozenset({"obj.budget", "obj.investment"}), "data": frozenset({"obj.data"})}


def doc_text(row: dict[str, Any]) -> str:
    parts = (row.get("titleFa"), row.get("titleFa"), row.get("descriptionFa"), row.get("titleEn"), row.get("descriptionEn"))
    return " ".join(p for p in parts if p)


def doc_fa(row: dict[str, Any]) -> str:
    """What the thesaurus reads: the Persian title and description (its labels are Persian first)."""
    return " ".join(p for p in (row.get("titleFa"), row.get("descriptionFa")) if p)


COSINE_BLOCK = 2048  # pairs a product: a city's 16,000 at once copied 90 MB of rows, in fresh pages


class RecordText:
    """Relatedness of records: the thesaurus's concepts (synonym rings, broader/narrower) on
    normalised Persian, with character n-gram cosine as a floor for what it does not know."""

    def __init__(self, docs: list[str], kinds: list[str] | None = None, concept_docs: list[str] | None = None,
                 thesaurus: Thesaurus | None = None, workers: int = 1) -> None:  # fmt: skip
        """``workers`` 2: the concepts are read in a forked process while this one weighs the grams
        (``forked.in_two``; ``HAMAHANG_ANALYSIS_PROCESSES``)."""
        self.thesaurus = thesaurus if thesaurus is not None else default_thesaurus()

        def concepts() -> list[frozenset[str]]:
            if kinds is None or concept_docs is None:
                return [frozenset()] * len(docs)
            return [self.thesaurus.concepts_of(d) - KIND_OBJECTS.get(k, frozenset())
                    for d, k in zip(concept_docs, kinds, strict=True)]  # fmt: skip

        # grams cut by share only (in more than 10% of the records): a fixed cut of 500 records dropped almost
        # every gram at province scale (66,000 records), and with them a sixth of the planted matches
        if kinds is None or concept_docs is None:  # text alone: its grams counted in two processes instead
            self.vectors, self.concepts = tfidf(docs, max_docs=None, workers=workers), concepts()
        else:
            self.vectors, self.concepts = in_two(lambda: tfidf(docs, max_docs=None), concepts, workers)
        # each record's concepts split once into objects and activities (``meet`` compares ~8 pairs a record)
        self.objects = [self.thesaurus.of_type(c, "object") for c in self.concepts]
        self.activities = [self.thesaurus.of_type(c, "activity") for c in self.concepts]

    def cosines(self, pairs: list[tuple[int, int]]) -> list[float]:
        """Cosine of each pair of rows, in one sparse product (not one product per pair)."""
        if not pairs or not self.vectors.shape[1]:
            return [0.0] * len(pairs)
        out: list[float] = []
        for start in range(0, len(pairs), COSINE_BLOCK):
            part = pairs[start : start + COSINE_BLOCK]
            left = self.vectors[[a for a, _ in part]]
            right = self.vectors[[b for _, b in part]]
            out += np.asarray(left.multiply(right).sum(axis=1)).ravel().tolist()
        return out

    def keys(self, i: int) -> frozenset[str]:
        """What a record is indexed under to meet others: its object concepts and their parents."""
        objects = self.objects[i]
        return objects | {b for c in objects for b in self.thesaurus.concepts[c].broader}

    def meet(self, i: int, j: int) -> float:
        """How well two records' concepts meet (``meaning.meet``)."""
        return meaning.meet_parts(self.objects[i], self.activities[i], self.objects[j], self.activities[j], self.thesaurus)

    def shared(self, i: int, j: int) -> list[str]:
        """The labels of the concepts both records name (asked for the pairs kept, not every candidate)."""
        return meaning.labels(self.concepts[i] & self.concepts[j], self.thesaurus)



def most_shared(text: RecordText, left: list[int], right: list[int], k: int, block: int = 512) -> list[tuple[int, int]]:
    """Records naming the same thing in other words: for each ``left`` record, the ``k`` ``right``
    records sharing most of its concept keys (``RecordText.keys``), ties to the lower index (the lower id:
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

