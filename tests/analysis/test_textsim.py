"""TF-IDF rows: every row unit length or empty, whatever rows are empty (an exchange may have no text)."""

from __future__ import annotations

import numpy as np

from service.analysis.textsim import tfidf


def test_empty_rows_anywhere_even_last() -> None:
    """The province's win-win failed here: reduceat was given the start of an empty last row (= nnz)."""
    rows = tfidf(["آب شهر مشهد", "", "تصفیه پساب", "", ""])
    norms = np.asarray(rows.multiply(rows).sum(axis=1)).ravel()
    assert rows.shape[0] == 5 and np.allclose(norms, [1, 0, 1, 0, 0])
