"""Runs last (zz_last sorts after every other folder): every shared Cypher statement ran on FalkorDB."""

from __future__ import annotations

import pytest

from service.storage.queries import QueryLibrary
from tests.conftest import OBSERVED


def test_every_statement_ran_on_falkordb() -> None:
    if len(OBSERVED) < 10:
        pytest.skip("only meaningful after the whole suite has run (make test)")
    missing = sorted(set(QueryLibrary.load().shared()) - OBSERVED)
    assert not missing, f"statements no test executed: {missing}"
