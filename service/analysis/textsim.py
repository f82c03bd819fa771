"""TF-IDF over character n-grams of normalised text, and sparse top-k cosine neighbours.

Char n-grams within words survive Persian spelling variants (آبهای / آب‌های, امدادونجات /
امداد و نجات) that defeat word tokens (FIELD-NOTES.md). Neighbours come from a blocked sparse
product that keeps only the k best per row, never a dense all-pairs loop.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from scipy import sparse

from service.text.persian import normalize


def _word_grams(word: str, low: int, high: int) -> list[str]:
    padded = f" {word} "
    size = len(padded)
    out: list[str] = []
    for n in range(low, high + 1):
        out.extend(padded[i : i + n] for i in range(max(1, size - n + 1)))
    return out


def tfidf(docs: list[str], ngram: tuple[int, int] = (3, 5), max_df: float = 0.1,
          max_docs: int = 500) -> sparse.csr_matrix:  # fmt: skip
    """Rows are L2-normalised TF-IDF vectors. Grams in more than ``max_df`` of the docs, or in more
    than ``max_docs`` docs, are dropped (on corpora of 200 docs or more): they say little and make
    the similarity product dense. The absolute cap keeps the product linear in the corpus: with a
    share alone, a gram in 10% of a province's 50,000 duties joined 5,000 of them to each other
    (the province benchmark did not finish in 120 s; up to 5,000 docs the two limits are the same).

    A registry's texts share a small vocabulary, so each distinct word is cut into grams (and the
    grams numbered) once per call, not once per occurrence (it was most of the duplication analysis)."""
    vocab: dict[str, int] = {}
    word_ids: dict[str, list[int]] = {}
    low, high = ngram
    indptr: list[int] = [0]
    indices: list[int] = []
    counts: list[int] = []
    for doc in docs:
        ids: list[int] = []
        for word in normalize(doc).split():
            known = word_ids.get(word)
            if known is None:
                known = word_ids[word] = [vocab.setdefault(g, len(vocab)) for g in _word_grams(word, low, high)]
            ids.extend(known)
        seen = Counter(ids)
        indices.extend(seen)
        counts.extend(seen.values())
        indptr.append(len(indices))
    n = len(docs)
    tf = sparse.csr_matrix(
        (np.asarray(counts, dtype=np.float64), np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
        shape=(n, len(vocab)),
    )
    if n == 0 or not vocab:
        return tf
    df = np.bincount(tf.indices, minlength=len(vocab))
    idf = np.log((1 + n) / (1 + df)) + 1.0
    if n >= 200:  # on small sets every gram is "common"; drop only on real corpora
        idf[df > min(max_df * n, max_docs)] = 0.0
    weighted = tf.multiply(idf).tocsr()
    weighted.data = np.log1p(weighted.data)
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ weighted)


def top_k(left: sparse.csr_matrix, right: sparse.csr_matrix, k: int, min_sim: float,
          same: bool = False, block: int = 512) -> list[tuple[int, int, float]]:  # fmt: skip
    """Pairs (i, j, cosine) with each left row's k best right rows at or above ``min_sim``.

    With ``same`` (left is right) a pair is reported once, i < j, and never with itself.
    """
    out: list[tuple[int, int, float]] = []
    right_t = right.T.tocsc()
    for start in range(0, left.shape[0], block):
        product = (left[start : start + block] @ right_t).tocsr()
        for r in range(product.shape[0]):
            lo, hi = product.indptr[r], product.indptr[r + 1]
            cols, vals = product.indices[lo:hi], product.data[lo:hi]
            i = start + r
            keep = vals >= min_sim
            if same:
                keep &= cols != i
            cols, vals = cols[keep], vals[keep]
            if len(vals) > k:
                best = np.argpartition(-vals, k)[:k]
                cols, vals = cols[best], vals[best]
            for j, v in zip(cols.tolist(), vals.tolist(), strict=True):
                if same:
                    a, b = (i, j) if i < j else (j, i)
                    out.append((a, b, float(v)))
                else:
                    out.append((i, j, float(v)))
    if same:
        best_pairs: dict[tuple[int, int], float] = {}
        for a, b, v in out:
            best_pairs[(a, b)] = max(v, best_pairs.get((a, b), 0.0))
        return [(a, b, v) for (a, b), v in best_pairs.items()]
    return out
