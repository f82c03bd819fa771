"""Two parts of an analysis on the machine's two cores: one in this process, one in a forked child.

Only where forking is safe: the command line, whose one thread that matters runs the analysis once
its store reads are done (a fork copies only the calling thread). The server passes ``workers=1``
and both parts run here, one after the other. A failed fork or a failed child costs time, never a
result: the child's part is then computed here, so the answer is the same either way.
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
    if workers < 2:
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
