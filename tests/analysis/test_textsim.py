"""The TF-IDF weighing must survive any text a writer can store, blank ones included."""

from __future__ import annotations

import numpy as np
import pytest

from service.analysis.textsim import tfidf


@pytest.mark.parametrize("docs", [
    ["شبکه آب شرب", "شبکه آب شرب منطقه ۹", ""],  # the last row empty: reduceat over indptr broke here
    ["", "", "نگهداری فضای سبز"],
    ["", ""],
])  # fmt: skip
def test_blank_rows_weigh_to_zero_and_others_to_unit_length(docs: list[str]) -> None:
    rows = tfidf(docs)
    norms = np.sqrt(np.asarray(rows.multiply(rows).sum(axis=1)).ravel())
    for doc, norm in zip(docs, norms, strict=True):
        assert norm == pytest.approx(1.0 if doc else 0.0)


def test_empty_rows_anywhere_even_last() -> None:
    """The quiet bench's province win-win failed here (``_split_arranged``'s small corpus)."""
    rows = tfidf(["آب شهر مشهد", "", "تصفیه پساب", "", ""])
    norms = np.asarray(rows.multiply(rows).sum(axis=1)).ravel()
    assert rows.shape[0] == 5 and np.allclose(norms, [1, 0, 1, 0, 0])


def test_gram_counts_sum_repeats_whatever_the_chunk() -> None:
    """A doc's repeated grams are counted (summed a chunk of docs at a time): the chunk changes nothing."""
    from service.analysis.textsim import gram_counts

    docs = ["آب آب شهر", "", "تصفیه پساب شهر مشهد مشهد", "شهر"] * 5
    whole, chunked = gram_counts(docs), gram_counts(docs, chunk=3)
    assert (whole != chunked).nnz == 0 and whole.shape == (20, whole.shape[1])
    # «آب» twice: each of its grams counted twice in the first doc, once in a doc naming it once
    once = gram_counts(["آب"])
    assert whole[0].toarray().sum() == 2 * once.toarray().sum() + gram_counts(["شهر"]).toarray().sum()
    assert whole[1].nnz == 0


def test_gram_counts_in_two_processes_make_the_very_matrix_of_one() -> None:
    """The second half counted in a forked child and joined: the same columns, in the same order
    within each row, so every sum made from them downstream is the same to the last bit."""
    from service.analysis.textsim import PARALLEL_FROM, gram_counts
    from service.forked import room_to_fork

    assert room_to_fork()  # else both halves would be counted here and nothing forked would be tested
    words = ["آب", "شهر", "تصفیه", "پساب", "مشهد", "فضای سبز", "آتش‌نشانی", "حمل‌ونقل", "پسماند", "برق"]
    # the second half names words the first never does: their grams must number after the first's
    docs = [" ".join(words[(i * k) % 7] for k in range(1, 4)) for i in range(PARALLEL_FROM // 2)]
    docs += [" ".join(words[(i * k) % 10] for k in range(1, 5)) + f" واژه{i % 13}" for i in range(PARALLEL_FROM // 2 + 3)]
    alone, halves = gram_counts(docs), gram_counts(docs, workers=2)
    assert halves.shape == alone.shape and halves.has_sorted_indices
    for a, b in ((alone.indptr, halves.indptr), (alone.indices, halves.indices), (alone.data, halves.data)):
        assert np.array_equal(a, b)
    assert gram_counts(docs[:10], workers=2).shape[0] == 10  # below PARALLEL_FROM: counted here


def test_grams_are_numbered_in_the_order_they_first_come() -> None:
    """A word first seen is numbered gram by gram where it comes in its doc, after the words before it
    (the downstream sums run in column order: another order would move their last bits)."""
    from service.analysis.textsim import _counted, _word_grams

    docs = ["آب شهر", "شهر پساب آب", "پساب"]
    vocab, counts = _counted(docs, (3, 5), chunk=2)
    expected: dict[str, int] = {}
    for word in ("آب", "شهر", "پساب"):
        for gram in _word_grams(word, 3, 5):
            expected.setdefault(gram, len(expected))
    assert vocab == expected and list(vocab) == list(expected)
    assert counts.shape == (3, len(expected)) and counts[1].nnz == len({*_word_grams("شهر", 3, 5), *_word_grams("پساب", 3, 5), *_word_grams("آب", 3, 5)})


def test_words_of_is_normalize_then_split_for_every_character() -> None:
    """``words_of`` skips ``normalize``'s collapsing of spaces: every code point, as a word's part and
    as a run between words, splits the same way."""
    from service.text.persian import normalize, words_of

    for code in range(0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        ch = chr(code)
        text = f"آب{ch} شهر{ch}{ch}x {ch}"
        assert words_of(text) == normalize(text).split(), hex(code)
    assert words_of(None) == [] and words_of("") == [] and words_of(" \u200c ") == []
