"""The cyclic garbage collector's thresholds for a process that builds big analyses.

CPython's default (700, 10, 10) runs a young collection every 700 container allocations and, as the
heap grows, full collections over every live object. An analysis allocates millions of small
containers that all stay alive until the result is written, so at city scale the duplication
analysis spent about 1.0 s of its 3.6 s in the collector (measured: 3.57 s with the defaults, 2.45 s
with the collector off, 2.50 s with (100_000, 20, 20); ``bench/RESULTS.md``, stop 16). Reference
counting still frees nearly everything at once; only cycles wait a little longer.

The thresholds are the interpreter's, set once per process by its entry points (the command line
and the app's lifespan), not changed per request.
"""

from __future__ import annotations

import gc

THRESHOLDS = (100_000, 20, 20)


def tune_gc() -> None:
    gc.set_threshold(*THRESHOLDS)
