"""An analysis shared with a forked process must give the very answer it gives alone, and a child
that fails costs time, never the answer; ties among text neighbours are broken the same way each run."""

from __future__ import annotations

import os
import time

import numpy as np
import pytest
from scipy import sparse

from service.analysis.duplication import analyse_duplication
from service.analysis.textsim import top_k, top_k_arrays
from service.analysis.winwin_text import RecordText
from service.forked import begin, in_two, memory, room_for_a_copy
from service.settings import DuplicationParams
from tests.analysis.test_candidates_places import _registry


def test_in_two_runs_the_second_part_in_another_process() -> None:
    here = os.getpid()
    assert in_two(os.getpid, os.getpid, 1) == (here, here)
    mine, theirs = in_two(os.getpid, os.getpid, 2)
    assert mine == here and theirs != here


def test_a_child_that_dies_has_its_part_computed_here() -> None:
    here = os.getpid()

    def theirs() -> str:
        if os.getpid() != here:
            os._exit(7)  # the child dies before it writes anything
        return "computed here"

    assert in_two(lambda: "mine", theirs, 2) == ("mine", "computed here")


def test_a_child_that_outstays_its_welcome_is_stopped_and_its_part_computed_here() -> None:
    """A child stuck on something it cannot have (a lock another thread held at the fork) costs time."""
    here = os.getpid()

    def theirs() -> str:
        if os.getpid() != here:
            time.sleep(60)
        return "computed here"

    later = begin(theirs, 2)
    started = time.monotonic()
    assert later.result(wait_s=0.5) == "computed here"
    assert time.monotonic() - started < 30
    assert begin(lambda: "from the child", 2).result(wait_s=30) == "from the child"  # in time: its own value


def test_a_failure_here_stops_the_child_rather_than_waiting_for_it() -> None:
    def mine() -> None:
        raise ValueError("bad record")

    started = time.monotonic()
    with pytest.raises(ValueError, match="bad record"):
        in_two(mine, lambda: time.sleep(60), 2)
    assert time.monotonic() - started < 30  # killed and reaped, not waited for


def test_a_value_begun_in_a_child_is_read_later_or_stopped() -> None:
    here = os.getpid()
    later = begin(os.getpid, 2)
    assert later.result() != here
    assert begin(os.getpid, 1).result() == here  # no child: computed when asked
    slow = begin(lambda: time.sleep(60), 2)
    started = time.monotonic()
    slow.cancel()  # the reader left: killed and reaped at once
    assert time.monotonic() - started < 30
    slow.cancel()  # and a second call does nothing


def test_no_fork_without_memory_for_a_copy() -> None:
    gib = 1 << 30
    assert room_for_a_copy(2 * gib, 20 * gib)
    assert not room_for_a_copy(14 * gib, 9 * gib)  # a country's analysis on a 23.5 GiB machine
    assert not room_for_a_copy(0, 20 * gib)  # /proc said nothing
    resident, available = memory()
    assert resident > 0 and available > 0  # read on Linux, where the tests run


def test_duplication_in_two_processes_equals_one() -> None:
    snap, params = _registry(), DuplicationParams()
    alone = analyse_duplication(snap, params, {})
    shared = analyse_duplication(snap, params, {}, workers=2)
    assert alone.findings, "the registry must give findings for the comparison to mean anything"
    assert [f.as_dict() for f in shared.findings] == [f.as_dict() for f in alone.findings]
    assert alone.learning == shared.learning


def test_record_text_in_two_processes_equals_one() -> None:
    docs = ["پاکسازی کانال‌های آب سطحی", "نگهداری فضای سبز بلوار", "لایروبی کانال آب‌های سطحی", ""]
    kinds = ["service", "service", "equipment", "data"]
    alone, shared = RecordText(docs, kinds, docs), RecordText(docs, kinds, docs, workers=2)
    assert shared.concepts == alone.concepts and any(alone.concepts)
    assert (shared.vectors != alone.vectors).nnz == 0


def test_top_k_breaks_ties_by_the_lower_row() -> None:
    """Five identical rows: each row's two best are the two lowest others, whatever the order scipy
    leaves its product in; the same pairs come back on every call."""
    rows = sparse.csr_matrix(np.ones((5, 3)) / np.sqrt(3))
    a, b, v = top_k_arrays(rows, rows, 2, 0.5, same=True)
    best = {i: sorted(b[a == i].tolist()) for i in range(5)}
    assert best == {0: [1, 2], 1: [0, 2], 2: [0, 1], 3: [0, 1], 4: [0, 1]}
    assert np.allclose(v, 1.0)
    pairs = top_k(rows, rows, 2, 0.5, same=True)
    assert sorted((i, j) for i, j, _ in pairs) == [(0, 1), (0, 2), (0, 3), (0, 4), (1, 2), (1, 3), (1, 4)]
    assert pairs == top_k(rows, rows, 2, 0.5, same=True)
