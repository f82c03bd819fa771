"""One analysis on a kept city (or province) registry, timed and fingerprinted: for before/after work.

``make bench`` builds and drops its registries; this keeps one in the suite's store (``bench/.var``,
or ``HAMAHANG_BENCH_VAR``) so an analysis can be re-measured on it, and says whether its *result*
changed (a fingerprint of the matches, the chosen set and the totals), not only its time.

    python -m bench.city load [units]            # generate and bulk-load city_bulk (units 1) once
    python -m bench.city run winwin [graph]      # one run: JSON line with times and the fingerprint
    python -m bench.city compare A B [rounds]    # interleave two source trees (A, B) on one graph

``compare`` runs each tree's ``bench.city run`` in turn (A, B, B, A, …: interleaved, so a change in the
machine's load falls on both) and prints each time with the spread (median, min-max).
"""

from __future__ import annotations

import asyncio
import cProfile
import hashlib
import json
import os
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import DATA, TimingStore, connect, cpu_seconds, drop_graph, log, settings
from service.storage.embedded import open_embedded


async def load(units: int) -> None:
    from bench import analyses, load as loaders
    from bench.generate import generate, records

    graph = "city_bulk" if units == 1 else f"x{units}_bulk"
    truth: dict[str, list[Any]] = {}
    started = time.perf_counter()
    bundle = generate(units, truth=truth)
    analyses.write_truth(graph.split("_")[0], truth)
    log(f"generated {records(bundle):,} records in {time.perf_counter() - started:.1f} s")
    server = open_embedded(DATA)
    drop_graph(server, graph)
    store = await connect(server, graph)
    try:
        done = await loaders.load_bulk(store, bundle, records(bundle))
    finally:
        await store.close()
    log(f"{graph}: {done.records:,} records loaded in {done.seconds:.1f} s (store pid {server.pid})")


def fingerprint(name: str, result: Any) -> dict[str, Any]:
    """What must not change when only the speed does: every match with its figures, the chosen set, the totals."""
    if name == "winwin":
        matches = [(m.capacity_id, m.target_id, m.score, m.benefit_rials, m.cost_rials, m.why, bool(m.in_place))
                   for m in result.matches + result.in_place]  # fmt: skip
        chosen = sorted(o.id for o in result.chosen)
        body = json.dumps([matches, chosen, result.total_chosen_rials, result.left_out], ensure_ascii=False, default=str)
        return {"matches": len(result.matches), "inPlace": len(result.in_place), "opportunities": len(result.opportunities),
                "chosen": len(chosen), "total": result.total_chosen_rials, "optimal": result.optimal,
                "sha": hashlib.sha256(body.encode()).hexdigest()[:16]}  # fmt: skip
    findings = [(f.id, f.classification, round(f.score, 6)) for f in result.findings]
    body = json.dumps(findings, ensure_ascii=False)
    return {"findings": len(findings), "sha": hashlib.sha256(body.encode()).hexdigest()[:16]}


async def run(name: str, graph: str) -> dict[str, Any]:
    from service.analysis import runner

    server = open_embedded(DATA)
    store = await connect(server, graph, schema=False)
    timed = TimingStore(store)
    profiler = cProfile.Profile() if os.environ.get("BENCH_CITY_PROFILE") else None
    try:
        started, cpu, store_cpu = time.perf_counter(), time.process_time(), cpu_seconds(server.pid)
        if profiler:
            profiler.enable()
        result = await getattr(runner, name)(timed, settings(graph))
        if profiler:
            profiler.disable()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        store_cpu = cpu_seconds(server.pid) - store_cpu
    finally:
        await store.close()
    if profiler:
        pstats.Stats(profiler, stream=sys.stderr).sort_stats(os.environ.get("BENCH_CITY_PROFILE", "cumulative")).print_stats(40)
    read = timed.total("read:")
    # on a shared machine the wall clock moves with the others' load: the CPU seconds of this process
    # (the analysis) and of the store (answering its reads) are given beside it
    out = {"seconds": round(seconds, 3), "read": round(read, 3), "compute": round(seconds - read, 3),
           "cpu": round(cpu, 3), "store cpu": round(store_cpu, 3),
           "reads": {k: round(v, 3) for k, v in sorted(timed.seconds.items())}}  # fmt: skip
    return out | fingerprint(name, result)


def compare(a: str, b: str, name: str, graph: str, rounds: int) -> None:
    """Interleave two trees' runs (A B B A …) and print each figure's median and range."""
    env = os.environ | {"HAMAHANG_BENCH_VAR": str(DATA.parent)}
    runs: dict[str, list[dict[str, Any]]] = {a: [], b: []}
    me = Path(__file__).resolve()
    for r in range(rounds):
        for tree in (a, b) if r % 2 == 0 else (b, a):
            cmd = [sys.executable, "-c", f"import runpy, sys; sys.argv = ['city', 'run', {name!r}, {graph!r}]; "
                                          f"runpy.run_path({str(me)!r}, run_name='__main__')"]  # fmt: skip
            done = subprocess.run(cmd, cwd=tree, env=env | {"PYTHONPATH": tree}, capture_output=True, text=True, check=False)
            if done.returncode:
                raise RuntimeError(done.stderr[-3000:])
            line = json.loads(done.stdout.strip().splitlines()[-1])
            runs[tree].append(line)
            log(f"round {r + 1} {tree}: {line['seconds']:.2f} s (read {line['read']:.2f}, compute {line['compute']:.2f}, "
                f"cpu {line['cpu']:.2f}, store cpu {line['store cpu']:.2f}) sha {line['sha']} "
                f"chosen {line.get('chosen')} total {line.get('total')}")  # fmt: skip
    for tree, lines in runs.items():
        figures = {k: [x[k] for x in lines] for k in ("seconds", "read", "compute", "cpu", "store cpu")}
        spread = ", ".join(f"{k} {statistics.median(v):.2f} ({min(v):.2f}-{max(v):.2f})" for k, v in figures.items())
        log(f"{tree}: {spread}; fingerprints {sorted({x['sha'] for x in lines})}")


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[0] == "load":
        asyncio.run(load(int(args[1]) if len(args) > 1 else 1))
    elif args[0] == "run":
        print(json.dumps(asyncio.run(run(args[1], args[2] if len(args) > 2 else "city_bulk")), ensure_ascii=False))
    elif args[0] == "compare":
        compare(args[1], args[2], args[3] if len(args) > 3 else "winwin", args[4] if len(args) > 4 else "city_bulk",
                int(args[5]) if len(args) > 5 else 3)  # fmt: skip
