"""TF-IDF over character n-grams of normalised text, and sparse top-k cosine neighbours.

Char n-grams within words survive Persian spelling variants (آبهای / آب‌های, امدادونجات /
امداد و نجات) that defeat word tokens (FIELD-NOTES.md). Neighbours come from a blocked sparse
product that keeps only the k best per row, never a dense all-pairs loop.
"""

from __future__ import annotations

from array import array
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


def gram_counts(docs: list[str], ngram: tuple[int, int] = (3, 5)) -> sparse.csr_matrix:
    """Rows are raw counts of each doc's character n-grams (within words, normalised text).

    A registry's texts share a small vocabulary, so each distinct word is cut into grams (and the
    grams numbered) once per call, not once per occurrence (it was most of the duplication analysis)."""
    vocab: dict[str, int] = {}
    word_ids: dict[str, list[int]] = {}
    low, high = ngram
    # typed arrays, not lists: a list holds each gram as an 8-byte pointer to a 28-byte int; counting
    # 300,000 records' 109 M grams raised the peak by 3.8 GB with lists, by 1.3 GB with these
    indptr = array("q", [0])
    indices = array("i")  # gram numbers: a vocabulary is far below 2³¹ grams
    counts = array("d")
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
    # scipy keeps one index type for both: int32 while the grams fit, as they do up to 2³¹ of them
    small = indptr[-1] < 2**31 - 1
    return sparse.csr_matrix(
        (np.frombuffer(counts, dtype=np.float64),
         np.frombuffer(indices, dtype=np.int32) if small else np.frombuffer(indices, dtype=np.int32).astype(np.int64),
         np.asarray(indptr, dtype=np.int32 if small else np.int64)),
        shape=(len(docs), len(vocab)),
    )  # fmt: skip


def weigh(tf: sparse.csr_matrix, max_df: float = 0.1, max_docs: int | None = 500) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows from raw counts, idf taken over these rows only. Grams in more than
    ``max_df`` of the rows (or in more than ``max_docs`` rows, when given) are dropped on sets of 200
    rows or more: they say little and make the similarity product dense. Called per block (rows of one
    COFOG group or one thesaurus concept), the share alone keeps a big registry's blocks sparse without
    dropping the grams that tell a block's duties apart (a fixed count over a whole province dropped
    almost all of them: planted-duplicate recall 0.003, FIELD-NOTES.md)."""
    n = tf.shape[0]
    if n == 0 or tf.shape[1] == 0:
        return tf
    df = np.bincount(tf.indices, minlength=tf.shape[1])
    idf = np.log((1 + n) / (1 + df)) + 1.0
    if n >= 200:  # on small sets every gram is "common"; drop only on real corpora
        cut = max_df * n if max_docs is None else min(max_df * n, max_docs)
        idf[df > cut] = 0.0
    weighted = tf.copy()  # CSR kept throughout: scaling .data in place, no COO round trip
    weighted.data = np.log1p(weighted.data * idf[weighted.indices])
    weighted.eliminate_zeros()
    # row sums through the sparse product: ``np.add.reduceat`` over indptr fails when the last rows are
    # empty (a blank text, or every gram cut), which the province registry of bench/ produced
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    weighted.data /= np.repeat(norms, np.diff(weighted.indptr))
    return weighted


def tfidf(docs: list[str], ngram: tuple[int, int] = (3, 5), max_df: float = 0.1,
          max_docs: int | None = 500) -> sparse.csr_matrix:  # fmt: skip
    """Rows are L2-normalised TF-IDF vectors of the docs' character n-grams (``weigh`` says which grams
    are dropped). The other analyses use this over a whole corpus; duplication weighs per block."""
    return weigh(gram_counts(docs, ngram), max_df, max_docs)


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
