"""Choosing the best set of exchange cycles, exactly and the same way every run.

The problem: agencies form a directed "can help" graph whose edges each carry one or more matches
(a capacity of the giver answering a need of the taker). An *opportunity* is a cycle of agencies
(length 2 to ``max_len``) with one match chosen per edge; each capacity and each need may be used
once; maximise the total net benefit. This is the cycle formulation of kidney exchange.

Cycles × match choices can be too many to list, so columns are generated (price and branch):

1. every agency cycle is listed (deterministically: sorted ids, no hash-ordered sets);
2. the LP relaxation is solved over a few columns (each cycle's best instantiation), and each
   cycle's best column by reduced cost is priced in exactly (the edges of a cycle use disjoint
   capacities and needs, so the best column picks the best match per edge), until no column has a
   positive reduced cost: the LP optimum over *all* columns, an upper bound on the best plan;
3. the integer programme is solved over the generated columns; if its value is below the bound,
   every column whose reduced cost is within the gap is added (only those can be in a better plan:
   z(x) ≤ LP* + Σ rcⱼxⱼ with every rcⱼ ≤ 0) and it is solved again.

The plan is ``optimal`` only when that final programme was solved to proven optimality; otherwise
``gap`` is the relative distance to the best bound known.
"""

from __future__ import annotations

import hashlib
import warnings
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csr_matrix

EPS = 1e-9
# HiGHS options scipy's ``milp`` passes on verbatim (with a RuntimeWarning, silenced below). The
# sub-MIP and rounding heuristics look for plans HiGHS's own search finds here anyway: off, the
# hardest programme of a city's sensitivity table (968 columns, solved at the root) took 1.43 s
# instead of 2.04 s and the others 0.64 instead of 0.77, 0.14 instead of 0.23, with the same optima
# (bench/RESULTS.md, stop 16). Proofs are unchanged: mip_rel_gap stays 0.
HEURISTICS_OFF = {"mip_heuristic_effort": 0.0, "mip_heuristic_run_rins": False, "mip_heuristic_run_rens": False,
                  "mip_heuristic_run_root_reduced_cost": False, "mip_heuristic_run_zi_round": False,
                  "mip_heuristic_run_shifting": False, "mip_heuristic_run_feasibility_jump": False}  # fmt: skip
warnings.filterwarnings("ignore", message="Unrecognized options detected", category=RuntimeWarning, module=__name__)


class Arc(Protocol):
    """What packing needs of a match: the two resources it uses and its net worth."""

    capacity_id: str
    target_id: str
    provider: str
    receiver: str


Column = tuple[Arc, ...]


@dataclass
class Selection:
    columns: list[Column]  # every column the programme saw, in a fixed order
    chosen: list[int]  # indices into columns
    total: float
    bound: float  # the best upper bound known for the whole problem
    optimal: bool
    gap: float  # (bound - total) / bound, 0 when optimal
    cycles: int  # agency cycles considered (all of them)
    rounds: int  # pricing rounds of the LP
    notes: list[str] = field(default_factory=list)


def agency_cycles(edges: Sequence[tuple[str, str]], max_len: int) -> list[tuple[str, ...]]:
    """Every simple directed cycle of 2..max_len agencies, once each, rotated to start at its
    smallest id; the order is fixed by the ids (never by a hash-ordered set)."""
    succ: dict[str, list[str]] = defaultdict(list)
    for a, b in sorted(set(edges)):
        if a != b:
            succ[a].append(b)
    out: list[tuple[str, ...]] = []
    for start in sorted(succ):
        _walk(start, [start], {start}, succ, max_len, out)
    return out


def _walk(start: str, path: list[str], on_path: set[str], succ: dict[str, list[str]], max_len: int,
          out: list[tuple[str, ...]]) -> None:  # fmt: skip
    """Depth first from ``start`` through larger ids only, so each cycle is found once, from its smallest id."""
    for nxt in succ.get(path[-1], ()):
        if nxt == start and len(path) >= 2:
            out.append(tuple(path))
        elif nxt > start and nxt not in on_path and len(path) < max_len:
            path.append(nxt)
            on_path.add(nxt)
            _walk(start, path, on_path, succ, max_len, out)
            path.pop()
            on_path.discard(nxt)


def column_id(column: Column) -> str:
    key = "|".join(sorted(f"{m.capacity_id}>{m.target_id}" for m in column))
    return "ww-" + hashlib.sha1(key.encode()).hexdigest()[:12]


def _key(column: Column) -> tuple[tuple[str, str], ...]:
    return tuple((m.capacity_id, m.target_id) for m in column)


def solve(cycles: list[tuple[str, ...]], arcs: dict[tuple[str, str], list[Arc]], net: Callable[[Arc], float],
          seconds: float = 5.0, max_extra_columns: int = 200_000, start: Sequence[Column] = (),
          workers: int = 1) -> Selection:  # fmt: skip
    """Price-and-branch over the cycles; ``arcs[(giver, taker)]`` lists an edge's matches in a fixed order.
    ``start``: columns to begin with (another solve's, when only the values moved). ``workers``:
    threads for the independent groups (HiGHS lets go of the GIL while it solves).

    The cycles fall into groups that share no agency (cycles meeting at an agency, directly or through
    others), and each capacity and need belongs to one agency, so two groups never compete for a
    resource: each is solved on its own and the plans added up, the same optimum. A registry of many
    cities is many small programmes, not one big one: at province scale (10 cities) the one programme
    ran out of its 5 s with a plan 31% below its bound, where the ten, each with its 5 s, came within
    0.01%. ``seconds`` limits each group's programmes, so the whole may take longer than one limit."""
    # each match's worth, once for every group (and one scale for all, as one programme would have)
    worth = {id(m): net(m) for ms in arcs.values() for m in ms}
    scale = max([abs(v) for v in worth.values()] + [1.0])
    groups = _components(cycles)
    if len(groups) <= 1:
        return _solve(cycles, arcs, worth, scale, seconds, max_extra_columns, start)
    first = {agency: g for g, members in enumerate(groups) for c in members for agency in c}
    starts: list[list[Column]] = [[] for _ in groups]
    for column in start:
        g = first.get(column[0].provider) if column else None
        if g is not None:
            starts[g].append(column)
    def one(g: int) -> Selection:
        return _solve(groups[g], arcs, worth, scale, seconds, max_extra_columns, starts[g])

    if workers > 1:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="winwin-groups") as pool:
            parts = list(pool.map(one, range(len(groups))))
    else:
        parts = [one(g) for g in range(len(groups))]
    columns: list[Column] = []
    chosen: list[int] = []
    for part in parts:
        chosen.extend(len(columns) + j for j in part.chosen)
        columns.extend(part.columns)
    total, bound = sum(p.total for p in parts), sum(p.bound for p in parts)
    optimal = all(p.optimal for p in parts)
    notes = [f"{len(parts)} independent groups of agencies, each solved on its own", *_summed([p.notes for p in parts])]
    return Selection(columns, chosen, total, total if optimal else bound, optimal, 0.0 if optimal else _rel(bound, total),
                     len(cycles), max(p.rounds for p in parts), notes)  # fmt: skip


def _summed(notes: list[list[str]]) -> list[str]:
    """The groups' notes, one line each: counts that start a note added up («12 columns … added»),
    any other note said with how many groups it concerns (a country has a hundred groups)."""
    counts: dict[str, int] = {}
    groups: dict[str, int] = {}
    for part in notes:
        for note in part:
            number, _, rest = note.partition(" ")
            if number.isdigit():
                counts[rest] = counts.get(rest, 0) + int(number)
            else:
                groups[note] = groups.get(note, 0) + 1
    return [f"{n} {rest}" for rest, n in counts.items()] + [f"{note} (in {n} of {len(notes)} groups)" for note, n in groups.items()]


def _components(cycles: list[tuple[str, ...]]) -> list[list[tuple[str, ...]]]:
    """The cycles grouped by the components of the graph of their own edges (each cycle is strongly
    connected, so the strong and the weak components are the same), in the order of each group's
    first cycle (cycles come sorted by their smallest agency id)."""
    if not cycles:
        return []
    from scipy.sparse.csgraph import connected_components

    index: dict[str, int] = {}
    rows, cols = [], []
    for c in cycles:
        for k, a in enumerate(c):
            rows.append(index.setdefault(a, len(index)))
            cols.append(index.setdefault(c[(k + 1) % len(c)], len(index)))
    graph = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(index), len(index)))
    _, label = connected_components(graph, directed=True, connection="strong")
    groups: dict[int, list[tuple[str, ...]]] = {}
    for c in cycles:
        groups.setdefault(int(label[index[c[0]]]), []).append(c)
    return list(groups.values())


def _solve(cycles: list[tuple[str, ...]], arcs: dict[tuple[str, str], list[Arc]], worth: dict[int, float],
           scale: float, seconds: float, max_extra_columns: int, start: Sequence[Column]) -> Selection:  # fmt: skip
    edges_of = [[(c[i], c[(i + 1) % len(c)]) for i in range(len(c))] for c in cycles]
    columns: list[Column] = []
    seen: set[tuple[tuple[str, str], ...]] = set()

    def add(column: Column) -> bool:
        key = _key(column)
        if key in seen or sum(worth[id(m)] for m in column) <= EPS * scale:
            return False
        seen.add(key)
        columns.append(column)
        return True

    for column in start:
        add(column)
    for edges in edges_of:  # each cycle's best instantiation to start with
        add(tuple(arcs[e][_argmax([worth[id(m)] for m in arcs[e]])] for e in edges))
    if not columns:
        return Selection([], [], 0.0, 0.0, True, 0.0, len(cycles), 0)

    resources: dict[str, int] = {}
    duals = np.zeros(0)
    lp_value, rounds = 0.0, 0
    while True:
        rounds += 1
        a, values = _matrix(columns, resources, worth, scale)
        lp = linprog(-values, A_ub=a, b_ub=np.ones(a.shape[0]), bounds=(0, None), method="highs")
        if lp.status != 0:
            return _milp_only(columns, resources, worth, scale, seconds, len(cycles), rounds, "the LP failed: " + lp.message)
        lp_value = -lp.fun * scale
        duals = -np.asarray(lp.ineqlin.marginals)  # ≥ 0, per resource
        added = 0
        for edges in edges_of:
            column, rc = _best_by_reduced_cost(edges, arcs, worth, resources, duals, scale)
            if rc > EPS and add(column):
                added += 1
        if not added:
            break

    notes: list[str] = []
    # A plan rounded greedily from the LP is a lower bound: only columns whose reduced cost is within
    # LP* - greedy can be in a plan as good (z(x) ≤ LP* + Σ rcⱼxⱼ), so adding them all now lets one
    # integer programme prove the optimum where two were solved (each about 2 s at city scale).
    greedy_chosen, greedy = _greedy(columns, resources, worth, np.asarray(lp.x))
    if greedy < lp_value - 1e-7 * max(lp_value, 1.0):
        early, gap_abs = 0, (lp_value - greedy) / scale
        for edges in edges_of:
            for column in _within(edges, arcs, worth, resources, duals, scale, gap_abs):
                early += add(column)
            if early > max_extra_columns:
                break
        if early:
            notes.append(f"{early} columns within the gap of a greedy plan added before the integer programme")
    chosen, total, status, mip_bound = _integer(columns, resources, worth, scale, seconds)
    if status == 0 and total < lp_value - 1e-7 * max(lp_value, 1.0):
        # only columns with reduced cost ≥ -(LP* - z) can be in a better plan: add them all, solve again
        extra = 0
        gap_abs = (lp_value - total) / scale
        for edges in edges_of:
            for column in _within(edges, arcs, worth, resources, duals, scale, gap_abs):
                if add(column):
                    extra += 1
            if extra > max_extra_columns:
                break
        if extra > max_extra_columns:
            notes.append(f"more than {max_extra_columns} columns are within the gap: the plan is not proven best")
            return Selection(columns, chosen, total, lp_value, False, _rel(lp_value, total), len(cycles), rounds, notes)
        if extra:
            notes.append(f"{extra} columns within the LP gap added and the programme solved again")
            chosen, total, status, mip_bound = _integer(columns, resources, worth, scale, seconds)
    if status == 0:
        return Selection(columns, chosen, total, total, True, 0.0, len(cycles), rounds, notes)
    bound = min(lp_value, mip_bound) if mip_bound is not None else lp_value
    notes.append("the solver's time limit ended the search before the plan was proven best")
    if total < greedy:  # stopped before it held a plan as good as the LP's greedy rounding (or any plan)
        chosen, total = greedy_chosen, greedy
        notes.append("the greedy rounding of the LP kept, the better plan at the time limit")
    return Selection(columns, chosen, total, bound, False, _rel(bound, total), len(cycles), rounds, notes)


def _greedy(columns: list[Column], resources: dict[str, int], worth: dict[int, float], lp_x: np.ndarray) -> tuple[list[int], float]:
    """A feasible plan and its total: columns by LP value, then worth, then order, each taken if its
    capacities and needs are still free."""
    values = [sum(worth[id(m)] for m in column) for column in columns]
    x = np.zeros(len(columns))
    x[: len(lp_x)] = lp_x
    used: set[str] = set()
    total = 0.0
    chosen: list[int] = []
    for j in sorted(range(len(columns)), key=lambda j: (-x[j], -values[j], j)):
        keys = [k for m in columns[j] for k in (f"c:{m.capacity_id}", f"t:{m.target_id}")]
        if values[j] > 0 and not used.intersection(keys):
            used.update(keys)
            total += values[j]
            chosen.append(j)
    return sorted(chosen), total


def _rel(bound: float, total: float) -> float:
    return round(max(0.0, (bound - total) / bound), 6) if bound > 0 else 0.0


def _argmax(values: list[float]) -> int:
    best = 0
    for i, v in enumerate(values):
        if v > values[best]:
            best = i
    return best


def _reduced(m: Arc, worth: dict[int, float], resources: dict[str, int], duals: np.ndarray, scale: float) -> float:
    rc = worth[id(m)] / scale
    for r in (f"c:{m.capacity_id}", f"t:{m.target_id}"):
        i = resources.get(r)
        if i is not None and i < len(duals):
            rc -= duals[i]
    return float(rc)


def _best_by_reduced_cost(edges: list[tuple[str, str]], arcs: dict[tuple[str, str], list[Arc]], worth: dict[int, float],
                          resources: dict[str, int], duals: np.ndarray, scale: float) -> tuple[Column, float]:  # fmt: skip
    picked, total = [], 0.0
    for e in edges:
        rcs = [_reduced(m, worth, resources, duals, scale) for m in arcs[e]]
        k = _argmax(rcs)
        picked.append(arcs[e][k])
        total += rcs[k]
    return tuple(picked), total


def _within(edges: list[tuple[str, str]], arcs: dict[tuple[str, str], list[Arc]], worth: dict[int, float],
            resources: dict[str, int], duals: np.ndarray, scale: float, gap: float) -> list[Column]:  # fmt: skip
    """Every instantiation of the cycle whose reduced cost is ≥ -gap (depth first, pruned)."""
    options = []
    for e in edges:
        scored = sorted(((_reduced(m, worth, resources, duals, scale), i) for i, m in enumerate(arcs[e])), key=lambda t: (-t[0], t[1]))
        options.append([(rc, arcs[e][i]) for rc, i in scored])
    best_rest = [0.0] * (len(options) + 1)
    for k in range(len(options) - 1, -1, -1):
        best_rest[k] = best_rest[k + 1] + options[k][0][0]
    out: list[Column] = []

    def walk(k: int, so_far: float, picked: list[Arc]) -> None:
        if k == len(options):
            out.append(tuple(picked))
            return
        for rc, m in options[k]:
            if so_far + rc + best_rest[k + 1] < -gap - EPS:
                break
            picked.append(m)
            walk(k + 1, so_far + rc, picked)
            picked.pop()

    walk(0, 0.0, [])
    return out


def _matrix(columns: list[Column], resources: dict[str, int], worth: dict[int, float], scale: float) -> tuple[csr_matrix, np.ndarray]:
    rows, cols = [], []
    for j, column in enumerate(columns):
        for m in column:
            for r in (f"c:{m.capacity_id}", f"t:{m.target_id}"):
                rows.append(resources.setdefault(r, len(resources)))
                cols.append(j)
    a = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(resources), len(columns)))
    values = np.array([sum(worth[id(m)] for m in column) / scale for column in columns])
    return a, values


def _integer(columns: list[Column], resources: dict[str, int], worth: dict[int, float], scale: float,
             seconds: float) -> tuple[list[int], float, int, float | None]:  # fmt: skip
    a, values = _matrix(columns, resources, worth, scale)
    result = milp(
        c=-values,
        constraints=LinearConstraint(a, ub=np.ones(a.shape[0])),
        integrality=np.ones(len(columns)),
        bounds=Bounds(0, 1),
        options={"time_limit": seconds, "mip_rel_gap": 0.0, **HEURISTICS_OFF},
    )
    if result.x is None:
        return [], 0.0, int(result.status) or 1, None
    chosen = [j for j in range(len(columns)) if result.x[j] > 0.5]
    total = float(sum(sum(worth[id(m)] for m in columns[j]) for j in chosen))
    bound = getattr(result, "mip_dual_bound", None)
    return chosen, total, int(result.status), (-float(bound) * scale if bound is not None and np.isfinite(bound) else None)


def _milp_only(columns: list[Column], resources: dict[str, int], worth: dict[int, float], scale: float, seconds: float,
               cycles: int, rounds: int, note: str) -> Selection:  # fmt: skip
    chosen, total, _, bound = _integer(columns, resources, worth, scale, seconds)
    best = bound if bound is not None else total
    return Selection(columns, chosen, total, best, False, _rel(best, total), cycles, rounds, [note])
