"""The bench's read time for an analysis is wall time with a read outstanding: statements sent side
by side count once, so an analysis's compute (its whole time less its reads) is never negative."""

from __future__ import annotations

from bench.common import TimingStore


def test_reads_side_by_side_count_once() -> None:
    timed = TimingStore(None)
    timed.spans = [("read:a", 0.0, 2.0), ("read:b", 1.0, 3.0), ("read:c", 5.0, 6.0), ("write:x", 0.0, 10.0),
                   ("read:d", 5.5, 5.8)]  # fmt: skip
    assert timed.in_flight("read:") == 4.0  # 0-3 and 5-6
    assert timed.in_flight("write:") == 10.0
    assert timed.in_flight("read:zzz") == 0.0
