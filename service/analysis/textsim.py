"""TF-IDF over character n-grams of normalised text, and sparse top-k cosine neighbours.

Char n-grams within words survive Persian spelling variants (آبهای / آب‌های, امدادونجات /
امداد و نجات) that defeat word tokens (FIELD-NOTES.md). Neighbours come from a blocked sparse
product that keeps only the k best per row, never a dense all-pairs loop.
"""

from __future__ import annotations

from array import array

import numpy as np
from scipy import sparse

from service.text.persian import words_of


def _word_grams(word: str, low: int, high: int) -> list[str]:
    padded = f" {word} "
    size = len(padded)
    out: list[str] = []
    for n in range(low, high + 1):
        out.extend(padded[i : i + n] for i in range(max(1, size - n + 1)))
    return out


PARALLEL_FROM = 2_000  # docs: below this a fork costs more than half the counting saves


def gram_counts(docs: list[str], ngram: tuple[int, int] = (3, 5), chunk: int = 4096, workers: int = 1) -> sparse.csr_matrix:
    """Rows are raw counts of each doc's character n-grams (within words, normalised text).
    ``workers`` 2: the second half of the docs is counted in a forked process (``_in_halves``)."""
    if workers > 1 and len(docs) >= PARALLEL_FROM:
        return _in_halves(docs, ngram, chunk)
    return _counted(docs, ngram, chunk)[1]


def _in_halves(docs: list[str], ngram: tuple[int, int], chunk: int) -> sparse.csr_matrix:
    """``_counted`` of each half, the second in a forked process (``forked.in_two``), joined into the
    very matrix one process makes: grams are numbered in the order they first appear, so the second
    half's grams not in the first keep their order after the first's, and each row's columns are
    sorted as ``sum_duplicates`` sorts them (the same sums, in the same order, downstream)."""
    from service.forked import in_two

    half = len(docs) // 2
    (vocab, first), (grams, second) = in_two(lambda: _counted(docs[:half], ngram, chunk),
                                             lambda: _counted(docs[half:], ngram, chunk, listed=True), 2)  # fmt: skip
    assert isinstance(vocab, dict) and isinstance(grams, list)
    number = np.fromiter((vocab.setdefault(g, len(vocab)) for g in grams), dtype=np.int64, count=len(grams))
    second = sparse.csr_matrix((second.data, number[second.indices], second.indptr), shape=(second.shape[0], len(vocab)))
    second.sort_indices()
    first = sparse.csr_matrix((first.data, first.indices, first.indptr), shape=(first.shape[0], len(vocab)))
    joined = sparse.vstack([first, second], format="csr")
    joined.sort_indices()
    return joined


def _counted(docs: list[str], ngram: tuple[int, int], chunk: int,
             listed: bool = False) -> tuple[dict[str, int] | list[str], sparse.csr_matrix]:  # fmt: skip
    """(the grams' numbers, or with ``listed`` the grams in number order; the counts).

    A registry's texts share a small vocabulary, so each distinct word is cut into grams (and the
    grams numbered) once per call, not once per occurrence (it was most of the duplication analysis).
    A doc's repeated grams are summed by scipy (``sum_duplicates``, in C) ``chunk`` docs at a time, not
    counted per doc in Python: a city's 5,000 duties took 0.31 s instead of 0.66 s (measured); only a
    chunk's grams are ever held with their repeats."""
    vocab: dict[str, int] = {}
    word_ids: dict[str, bytes] = {}
    low, high = ngram
    # typed arrays, not lists: a list holds each gram as an 8-byte pointer to a 28-byte int; counting
    # 300,000 records' 109 M grams raised the peak by 3.8 GB with lists, by 1.3 GB with these
    indptr = array("q", [0])
    indices = array("i")  # gram numbers: a vocabulary is far below 2³¹ grams
    counts = array("d")
    for first in range(0, len(docs), chunk):
        pieces: list[bytes] = []  # each word's gram numbers as int32 bytes, joined once a chunk
        word_ptr = [0]  # where each doc's words end in ``pieces``
        for doc in docs[first : first + chunk]:
            words = words_of(doc)
            try:
                pieces += [word_ids[w] for w in words]
            except KeyError:  # a word not seen before: numbered in the order it comes, as its grams
                for w in words:
                    if w not in word_ids:
                        word_ids[w] = array("i", [vocab.setdefault(g, len(vocab)) for g in _word_grams(w, low, high)]).tobytes()
                pieces += [word_ids[w] for w in words]
            word_ptr.append(len(pieces))
        ends = np.zeros(len(pieces) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces)) // 4, out=ends[1:])
        part_ptr = ends[np.asarray(word_ptr, dtype=np.int64)]
        part = np.frombuffer(bytearray().join(pieces), dtype=np.int32)  # writable: scipy sorts it in place
        summed = sparse.csr_matrix((np.ones(len(part)), part, part_ptr),
                                   shape=(len(part_ptr) - 1, len(vocab)))  # fmt: skip
        summed.sum_duplicates()  # each (doc, gram) once, its count the number of times the doc has it
        base = len(indices)
        indices.extend(array("i", summed.indices.astype(np.int32).tobytes()))
        counts.extend(array("d", summed.data.tobytes()))
        indptr.extend(array("q", (summed.indptr[1:] + base).astype(np.int64).tobytes()))
    # scipy keeps one index type for both: int32 while the grams fit, as they do up to 2³¹ of them
    small = indptr[-1] < 2**31 - 1
    matrix = sparse.csr_matrix(
        (np.frombuffer(counts, dtype=np.float64),
         np.frombuffer(indices, dtype=np.int32) if small else np.frombuffer(indices, dtype=np.int32).astype(np.int64),
         np.asarray(indptr, dtype=np.int32 if small else np.int64)),
        shape=(len(docs), len(vocab)),
    )  # fmt: skip
    return (list(vocab) if listed else vocab), matrix


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
          max_docs: int | None = 500, workers: int = 1) -> sparse.csr_matrix:  # fmt: skip
    """Rows are L2-normalised TF-IDF vectors of the docs' character n-grams (``weigh`` says which grams
    are dropped). The other analyses use this over a whole corpus; duplication weighs per block."""
    return weigh(gram_counts(docs, ngram, workers=workers), max_df, max_docs)


def top_k_arrays(left: sparse.csr_matrix, right: sparse.csr_matrix, k: int, min_sim: float,
                 same: bool = False, block: int = 512) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """(left rows, right rows, cosines): each left row's k best right rows at or above ``min_sim``,
    ties broken by the lower right row. With ``same`` (left is right) a row never meets itself and
    a pair may come twice (i's neighbour j, j's neighbour i): ``top_k`` keeps one.

    Each product block is filtered and ranked with array operations, not row by row in Python (a
    city's duplication blocks: 1.1 s of Python per-row work before, measured)."""
    right_t = right.T.tocsc()
    got_a: list[np.ndarray] = []
    got_b: list[np.ndarray] = []
    got_v: list[np.ndarray] = []
    for start in range(0, left.shape[0], block):
        product = (left[start : start + block] @ right_t).tocsr()
        rows = np.repeat(np.arange(start, start + product.shape[0]), np.diff(product.indptr))
        cols, vals = product.indices, product.data
        keep = vals >= min_sim
        if same:
            keep &= cols != rows
        rows, cols, vals = rows[keep], cols[keep], vals[keep]
        order = np.lexsort((cols, -vals, rows))  # by row, then best first, then the lower column
        rows, cols, vals = rows[order], cols[order], vals[order]
        rank = np.arange(len(rows)) - np.searchsorted(rows, rows, side="left")
        best = rank < k
        got_a.append(rows[best])
        got_b.append(cols[best].astype(np.int64))
        got_v.append(vals[best])
    if not got_a:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float64)
    return np.concatenate(got_a), np.concatenate(got_b), np.concatenate(got_v)


def best_per_pair(a: np.ndarray, b: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unordered pairs (a, b) made i < j, each once with its highest value."""
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    if len(lo) == 0:
        return lo, hi, v
    width = int(hi.max()) + 1
    key = lo.astype(np.int64) * width + hi
    order = np.lexsort((-v, key))
    key = key[order]
    first = np.ones(len(key), dtype=bool)
    first[1:] = key[1:] != key[:-1]
    chosen = order[first]
    return lo[chosen], hi[chosen], v[chosen]


def top_k(left: sparse.csr_matrix, right: sparse.csr_matrix, k: int, min_sim: float,
          same: bool = False, block: int = 512) -> list[tuple[int, int, float]]:  # fmt: skip
    """Pairs (i, j, cosine) with each left row's k best right rows at or above ``min_sim``.

    With ``same`` (left is right) a pair is reported once, i < j, and never with itself.
    """
    a, b, v = top_k_arrays(left, right, k, min_sim, same, block)
    if same:
        a, b, v = best_per_pair(a, b, v)
    return list(zip(a.tolist(), b.tolist(), v.tolist(), strict=True))
