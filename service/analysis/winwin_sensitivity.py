"""The sensitivity table of a win-win plan: the plan solved again with values moved by 25%.

Five independent programmes. Four scale every match's benefit or cost and need nothing of the plan,
so a caller that will read the whole result (the command line, a download) starts them alongside the
plan's own solve (``start_now``); the fifth moves value against the plan (its matches lose 25%, every
other gains 25%) and starts once the plan is known. Otherwise the table is solved when first read
(GraphQL asks for it only when a query names it). Either way each programme is the same one, so the
answer is the same: the four begin from no columns, the fifth from the plan's.

HiGHS lets go of the GIL while it solves (two threads solved two programmes in the time of one,
measured), so they run side by side on the machine's cores. At city scale the hardest takes about
1.5 s and the plan's own solve 0.4 s: started together, the table is ready about 0.4 s sooner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from service.analysis import packing
from service.settings import WinWinParams

if TYPE_CHECKING:
    from service.analysis.winwin_result import Opportunity

SCENARIOS = (
    ("benefits -25%", 0.75, 1.0, None),
    ("benefits +25%", 1.25, 1.0, None),
    ("costs +25%", 1.0, 1.25, None),
    ("costs -25%", 1.0, 0.75, None),
    ("chosen benefits -25%, the rest +25%", 1.0, 1.0, "against"),
)
Scenario = tuple[str, float, float, str | None]
Cycles = list[tuple[str, ...]]
Arcs = dict[tuple[str, str], list[packing.Arc]]


class Sensitivity:
    """The five solves of one plan, started now or when first read; ``table()`` gives the rows."""

    def __init__(self, cycles: Cycles, arcs: Arcs, params: WinWinParams, cores: int, start_now: bool) -> None:
        self._cycles, self._arcs, self._params, self._cores = cycles, arcs, params, max(1, cores)
        self._pool: ThreadPoolExecutor | None = None
        self._scaled: dict[Scenario, Future[packing.Selection]] = {}
        self._against: Future[packing.Selection] | None = None
        self._chosen: list[Opportunity] = []
        self._plan: list[packing.Column] = []
        if start_now:  # a thread each: which programme is hard is not known beforehand (at city scale one of
            # the five takes 1.3-1.5 s and the others 0.1-0.7 s), so none waits for a worker behind it
            self._pool = ThreadPoolExecutor(max_workers=len(SCENARIOS), thread_name_prefix="winwin-sensitivity")
            self._scaled = {s: self._pool.submit(self._solve, s, ()) for s in SCENARIOS if s[3] is None}

    def plan_known(self, chosen: list[Opportunity], columns: list[packing.Column]) -> None:
        """The plan is chosen: the scenario moving value against it can start (when started now)."""
        self._chosen, self._plan = chosen, columns
        if self._pool is not None:
            self._against = self._pool.submit(self._solve, SCENARIOS[-1], columns)

    def table(self) -> list[dict[str, Any]]:
        """One row per scenario, in ``SCENARIOS`` order: does the chosen set change, and how."""
        pool = self._pool or ThreadPoolExecutor(max_workers=min(len(SCENARIOS), self._cores),
                                                thread_name_prefix="winwin-sensitivity")  # fmt: skip
        try:
            against = self._against or pool.submit(self._solve, SCENARIOS[-1], self._plan)
            scaled = self._scaled or {s: pool.submit(self._solve, s, ()) for s in SCENARIOS if s[3] is None}
            done = scaled | {SCENARIOS[-1]: against}
            return [self._row(s[0], done[s].result()) for s in SCENARIOS]
        finally:
            pool.shutdown(wait=True)
            self._pool = None

    def _solve(self, scenario: Scenario, start: Sequence[packing.Column]) -> packing.Selection:
        _, fb, fc, mode = scenario
        net: Callable[[Any], float]
        if mode == "against":
            in_chosen = {(m.capacity_id, m.target_id) for o in self._chosen for m in o.matches}

            def net(m: Any) -> float:
                factor = 0.75 if (m.capacity_id, m.target_id) in in_chosen else 1.25
                return float(m.benefit_rials * factor - m.cost_rials)
        else:

            def net(m: Any) -> float:
                return float(m.benefit_rials * fb - m.cost_rials * fc)

        return packing.solve(self._cycles, self._arcs, net, self._params.solver_seconds, start=start)

    def _row(self, name: str, sel: packing.Selection) -> dict[str, Any]:
        chosen_ids = {o.id for o in self._chosen}
        ids = {packing.column_id(sel.columns[j]) for j in sel.chosen}
        return {"scenario": name, "sameSet": ids == chosen_ids, "added": sorted(ids - chosen_ids),
                "removed": sorted(chosen_ids - ids), "totalRials": round(sel.total, 2), "optimal": sel.optimal}  # fmt: skip
