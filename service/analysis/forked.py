"""Two parts of an analysis on the machine's two cores: one in this process, one in a forked child.

Only where forking is safe: the command line, whose one thread that matters runs the analysis once
its store reads are done (a fork copies only the calling thread). The server passes ``workers=1``
and both parts run here, one after the other. A failed fork or a failed child costs time, never a
result: the child's part is then computed here, so the answer is the same either way. Nor is
there a fork without the memory for a whole copy of this process (``room_for_a_copy``).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import tempfile
from collections.abc import Callable
from typing import TypeVar

A = TypeVar("A")
B = TypeVar("B")


def in_two(mine: Callable[[], A], theirs: Callable[[], B], workers: int) -> tuple[A, B]:
    """``(mine(), theirs())``; with ``workers`` ≥ 2, ``theirs`` runs in a forked child meanwhile and
    its value comes back pickled through an unnamed temporary file (only this process can open it)."""
    if workers < 2 or not room_to_fork():
        return mine(), theirs()
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed below, in every path
    try:
        pid = os.fork()
    except OSError:
        spool.close()
        return mine(), theirs()
    if pid == 0:  # the child: compute, write, and leave without the parent's exit handlers
        code = 1
        try:
            with os.fdopen(os.dup(spool.fileno()), "wb") as out:
                pickle.dump(theirs(), out, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)
    try:
        try:
            first = mine()
        except BaseException:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) == 0:
            spool.seek(0)
            second: B = pickle.load(spool)  # written by this process's own child
        else:
            second = theirs()
        return first, second
    finally:
        spool.close()


def room_to_fork() -> bool:
    """Whether this process may fork now (``room_for_a_copy`` of what ``/proc`` says)."""
    return room_for_a_copy(*memory())


def room_for_a_copy(resident: int, available: int) -> bool:
    """Whether the machine could hold a second copy of a process of ``resident`` bytes, with half as
    much again to spare. Pages are shared after a fork only until one side writes them, and Python
    writes on every object it reads (its reference count): a child reading a country's snapshot may
    copy most of a 16 GB analysis."""
    return resident > 0 and available >= resident + resident // 2


def memory() -> tuple[int, int]:
    """(this process's resident bytes, the memory the kernel says is available); (0, 0) where
    ``/proc`` does not say, and then no fork."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            resident = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            available = next(int(line.split()[1]) * 1024 for line in meminfo if line.startswith("MemAvailable:"))
    except (OSError, ValueError, IndexError, StopIteration):
        return 0, 0
    return resident, available
