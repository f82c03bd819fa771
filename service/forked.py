"""Work on the machine's two cores: one part in this process, one in a forked child (an analysis's
halves, the JSON writer's second half, a first start's demo).

For an analysis the child only computes and pickles its value back; it never touches the store, the
event loop or a lock another thread may hold (a fork copies only the calling thread: the server's
idle executor threads are not in the child, and the analysis modules are imported before the fork). ``workers=1``
(``HAMAHANG_ANALYSIS_PROCESSES=1``) runs both parts here, one after the other. A failed fork, a
failed child or a child that outstays its welcome (``patience``) costs time, never a result: the
child's part is then computed here, so the answer is the same either way. Nor is there a fork
without the memory for a whole copy of this process (``room_for_a_copy``).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import tempfile
import time
from collections.abc import Callable
from typing import IO, Generic, TypeVar

A = TypeVar("A")
B = TypeVar("B")


def in_two(mine: Callable[[], A], theirs: Callable[[], B], workers: int) -> tuple[A, B]:
    """``(mine(), theirs())``; with ``workers`` ≥ 2, ``theirs`` runs in a forked child meanwhile. The
    child may take ``patience(seconds mine took)`` longer than ``mine`` before it is stopped and its
    part computed here: the two halves are of a size, so a child far behind is stuck, not slow."""
    later = begin(theirs, workers)
    started = time.monotonic()
    try:
        first = mine()
    except BaseException:
        later.cancel()
        raise
    return first, later.result(patience(time.monotonic() - started))


def patience(seconds: float) -> float:
    """How long a child may still take once this process's half (``seconds``) is done."""
    return 30.0 + 3 * seconds


def begin(theirs: Callable[[], B], workers: int) -> Later[B]:
    """``theirs()`` started in a forked child (with ``workers`` ≥ 2 and the memory for it), its value
    to come back pickled; else left to be computed here when ``result()`` is asked for."""
    child = fork_into(lambda out: pickle.dump(theirs(), out, protocol=pickle.HIGHEST_PROTOCOL)) if workers >= 2 else None
    return Later(theirs, child)


class Child:
    """A forked child writing into an unnamed temporary file (only this process can open it)."""

    def __init__(self, pid: int, spool: IO[bytes]) -> None:
        self.pid: int | None = pid
        self.spool = spool

    def finished(self, wait_s: float | None = None) -> bool:
        """Whether the child wrote its whole file: reaped once it ends; False when it failed, or had not
        ended within ``wait_s`` (it is then stopped)."""
        if self.pid is None:
            return False
        if wait_s is not None and not _exits_within(self.pid, wait_s):
            self.cancel()
            return False
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        return os.waitstatus_to_exitcode(status) == 0

    def cancel(self) -> None:
        """Stop and reap the child if it still runs, and drop its file."""
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = None
        self.spool.close()


def fork_into(write: Callable[[IO[bytes]], None], buffering: int = -1) -> Child | None:
    """A forked child running ``write`` on a temporary file; None where there is no memory for a copy
    of this process (``room_to_fork``) or the fork fails. The child leaves with ``os._exit``: none of
    the parent's exit handlers run in it."""
    if not room_to_fork():
        return None
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by Child.cancel
    try:
        pid = os.fork()
    except OSError:
        spool.close()
        return None
    if pid == 0:
        code = 1
        try:
            with os.fdopen(os.dup(spool.fileno()), "wb", buffering=buffering) as out:
                write(out)
            code = 0
        finally:
            os._exit(code)
    return Child(pid, spool)


class Later(Generic[B]):
    """A value a forked child is computing (or, without a child, will be computed when asked)."""

    def __init__(self, theirs: Callable[[], B], child: Child | None) -> None:
        self._theirs, self._child = theirs, child

    def result(self, wait_s: float | None = None) -> B:
        """The child's value once it has finished; computed here if there was no child, it failed, or
        it had not finished within ``wait_s`` (then it is stopped)."""
        child, self._child = self._child, None
        if child is None:
            return self._theirs()
        try:
            if child.finished(wait_s):
                child.spool.seek(0)
                value: B = pickle.load(child.spool)  # written by this process's own child
                return value
        finally:
            child.cancel()
        return self._theirs()

    def cancel(self) -> None:
        """Stop and reap a child whose value is no longer wanted."""
        if self._child is not None:
            self._child.cancel()
            self._child = None


def _exits_within(pid: int, seconds: float) -> bool:
    """Whether child ``pid`` has ended (or ends) within ``seconds``, without reaping it: a pidfd turns
    readable when the process ends (Linux 5.3), else the child is polled."""
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
                return True
            time.sleep(0.01)
        return False
    try:
        return bool(select.select([fd], [], [], seconds)[0])
    finally:
        os.close(fd)


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
