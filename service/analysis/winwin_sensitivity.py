"""The sensitivity table of a win-win plan: the plan solved again with values moved by 25%.

Five independent programmes, solved once the plan is known: started at once for a caller that will
read the whole result (the command line, a download: ``start_now``), else when the table is first
read (GraphQL asks for it only when a query names it). They never run beside the plan's own solve:
its programmes have a wall-clock limit, and at province scale, with the four value-scaled scenarios
solving alongside, the plan came out 11.7% below its bound instead of proven best (measured). Four
scenarios scale every match's benefit or cost and begin from no columns; the fifth moves value
against the plan (its matches lose 25%, every other gains 25%) and begins from the plan's columns.

HiGHS lets go of the GIL while it solves (two threads solved two programmes in the time of one,
measured), so they run side by side. How many at once: when the plan's own solve took under a tenth
of the limit, all five (none can come near its limit, and which one is hard is not known beforehand:
at city scale one takes 1.3-1.5 s, the others 0.1-0.7 s); otherwise one per core, as slowly shared
programmes would reach their limits sooner. On the command line (``fork``) the two benefit scenarios
are solved in a forked child (``forked.begin``) and the other three here: their Python (pricing,
the programmes' matrices) holds the GIL, so five threads in one process kept barely more than one
core busy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Any

from service import forked
from service.analysis import packing
from service.settings import WinWinParams

SCENARIOS = (
    ("benefits -25%", 0.75, 1.0, None),
    ("benefits +25%", 1.25, 1.0, None),
    ("costs +25%", 1.0, 1.25, None),
    ("costs -25%", 1.0, 0.75, None),
    ("chosen benefits -25%, the rest +25%", 1.0, 1.0, "against"),
)
Scenario = tuple[str, float, float, str | None]
IN_CHILD = SCENARIOS[:2]  # begin from no columns, so they need nothing of the plan but its chosen set
Cycles = list[tuple[str, ...]]
Arcs = dict[tuple[str, str], list[packing.Arc]]


class Sensitivity:
    """The five solves of one plan, started now or when first read; ``table()`` gives the rows."""

    def __init__(self, cycles: Cycles, arcs: Arcs, params: WinWinParams, cores: int, start_now: bool,
                 fork: bool = False) -> None:  # fmt: skip
        self._cycles, self._arcs, self._params, self._cores = cycles, arcs, params, max(1, cores)
        self._start_now, self._fork = start_now, fork and start_now
        self._child: forked.Later[list[dict[str, Any]]] | None = None
        self._away: dict[Scenario, dict[str, Any]] = {}  # the child's rows, once read
        self._chosen: list[packing.Column] = []
        self._plan: list[packing.Column] = []
        self._workers = self._cores
        self._pool: ThreadPoolExecutor | None = None
        self._done: dict[Scenario, Future[packing.Selection]] = {}

    def plan_known(self, plan: packing.Selection, seconds: float) -> None:
        """The plan is solved (in ``seconds``): the scenarios may start. Its chosen columns are the
        chosen opportunities (an opportunity's id is its column's, whatever agency it starts from)."""
        self._chosen, self._plan = [plan.columns[j] for j in plan.chosen], plan.columns
        quick = seconds < self._params.solver_seconds / 10
        self._workers = len(SCENARIOS) if quick and self._cores > 1 else self._cores
        if self._start_now:
            self._submit()

    def table(self) -> list[dict[str, Any]]:
        """One row per scenario, in ``SCENARIOS`` order: does the chosen set change, and how."""
        if not self._done:
            self._submit()
        try:
            if self._child is not None:
                self._away = dict(zip(IN_CHILD, self._child.result(), strict=True))
            return [self._away[s] if s in self._away else self._row(s[0], self._done[s].result()) for s in SCENARIOS]
        finally:
            if self._child is not None:
                self._child.cancel()  # reaped already unless its rows failed; then it is stopped
                self._child = None
            if self._pool is not None:
                self._pool.shutdown(wait=True)
                self._pool = None

    def _submit(self) -> None:
        here: tuple[Scenario, ...] = SCENARIOS
        if self._fork:  # forked before this process starts its threads: a fork copies only the caller
            self._child = forked.begin(partial(self._rows, IN_CHILD), workers=2)
            here = tuple(s for s in SCENARIOS if s not in IN_CHILD)
        self._pool = ThreadPoolExecutor(max_workers=self._workers, thread_name_prefix="winwin-sensitivity")
        # moving value against the plan first: with one worker a core, it was the hard one more often
        for s in (here[-1], *here[:-1]):
            self._done[s] = self._pool.submit(self._solve, s, self._plan if s[3] == "against" else ())

    def _rows(self, scenarios: tuple[Scenario, ...]) -> list[dict[str, Any]]:
        """The rows of ``scenarios`` solved one after the other (a forked child's share)."""
        return [self._row(s[0], self._solve(s, ())) for s in scenarios]

    def _solve(self, scenario: Scenario, start: Sequence[packing.Column]) -> packing.Selection:
        _, fb, fc, mode = scenario
        net: Callable[[Any], float]
        if mode == "against":
            in_chosen = {(m.capacity_id, m.target_id) for column in self._chosen for m in column}

            def net(m: Any) -> float:
                factor = 0.75 if (m.capacity_id, m.target_id) in in_chosen else 1.25
                return float(m.benefit_rials * factor - m.cost_rials)
        else:

            def net(m: Any) -> float:
                return float(m.benefit_rials * fb - m.cost_rials * fc)

        return packing.solve(self._cycles, self._arcs, net, self._params.solver_seconds, start=start)

    def _row(self, name: str, sel: packing.Selection) -> dict[str, Any]:
        chosen_ids = {packing.column_id(column) for column in self._chosen}
        ids = {packing.column_id(sel.columns[j]) for j in sel.chosen}
        return {"scenario": name, "sameSet": ids == chosen_ids, "added": sorted(ids - chosen_ids),
                "removed": sorted(chosen_ids - ids), "totalRials": round(sel.total, 2), "optimal": sel.optimal}  # fmt: skip
