"""The duplication and win-win analyses end to end (``service.analysis.runner``), and how they grow.

Each run happens in a child process (``python -m bench.analyses GRAPH NAME``) that attaches to the
suite's embedded store, so a run that would take too long can be stopped at a time limit. Inside,
the store is wrapped to split the time into *reading the snapshot* and *computing*; with
``--profile`` the computing part is also profiled and its top functions returned.

Growth: for sizes n₁ < n₂ (duties for duplication; capacities + needs + open issues for win-win)
and times t₁, t₂, the report gives t₂/t₁ beside n₂/n₁ and (n₂ log n₂)/(n₁ log n₁), and the fitted
exponent log(t₂/t₁)/log(n₂/n₁): about 1 is linear, 2 is a dense all-pairs loop. The target is met
when t₂/t₁ ≤ 1.3 × the n log n ratio (the 30% allows for noise on a shared 2-core machine).
"""

from __future__ import annotations

import asyncio
import cProfile
import json
import math
import pstats
import re
import subprocess
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import DATA, ROOT, VAR, TimingStore, connect, settings
from service.storage.embedded import open_embedded

TOLERANCE = 1.3
RECALL_TARGET = 0.99  # a time counts only when the analysis still finds the planted cases (issue 16)


def _truth_file(scale: str) -> Path:
    return VAR / f"planted-{scale}.json"


def write_truth(scale: str, truth: dict[str, list[tuple[str, str]]]) -> None:
    """The generator's planted duplicate pairs of a scale, for the analysis child to check recall."""
    VAR.mkdir(parents=True, exist_ok=True)
    _truth_file(scale).write_text(json.dumps(truth))


def planted_recall(graph: str, result: Any) -> float | None:
    """Share of the planted duplicate pairs the duplication result reports (any class), or None."""
    from service.analysis.duplication import finding_id

    path = _truth_file(graph.split("_")[0])
    if not path.exists():
        return None
    pairs = json.loads(path.read_text()).get("duplicates") or []
    found = {f.id for f in result.findings}
    return sum(1 for a, b in pairs if finding_id(a, b) in found) / len(pairs) if pairs else None
OPEN_ISSUE = {"open", "in_progress"}


async def mirror_recall(graph: str, result: Any) -> float | None:
    """Share of the planted mirrored needs (live on the bench's day) that win-win matches, or None."""
    from bench.recall import mirror_recall as count

    path = _truth_file(graph.split("_")[0])
    mirrors = json.loads(path.read_text()).get("mirrors") if path.exists() else None
    if not mirrors:
        return None
    server = open_embedded(DATA)
    store = await connect(server, graph, schema=False)
    try:
        caps = {r["node"]["id"]: r["node"] for r in await store.read("capacity/get", {"ids": [c for c, _ in mirrors]})}
        needs = {r["node"]["id"]: r["node"] for r in await store.read("need/get", {"ids": [n for _, n in mirrors]})}
    finally:
        await store.close()
    due, found = count([tuple(m) for m in mirrors], caps, needs, result, settings(graph).today or "")
    return found / due if due else None


@dataclass
class AnalysisRun:
    name: str
    graph: str
    size: int
    seconds: float
    read_seconds: float
    compute_seconds: float
    summary: dict[str, Any]
    top: list[tuple[str, float, float]] | None = None
    timed_out: bool = False
    samples: list[tuple[str, float]] | None = None


def _sample_file(graph: str, name: str) -> Path:
    return VAR / f"samples-{graph}-{name}.txt"


def _start_sampling(graph: str, name: str, interval: float) -> None:
    """Every ``interval`` seconds a thread writes the main thread's Python stack to a file: a coarse
    sampling profiler that still says where the time went when the run is stopped at its time limit.
    (``faulthandler.dump_traceback_later`` did this first; it reads frames without the GIL and crashed
    the child twice with SIGSEGV.)"""
    handle = _sample_file(graph, name).open("w")
    main_id = threading.main_thread().ident
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(interval):
            frame = sys._current_frames().get(main_id)  # noqa: SLF001 - the documented way to read another thread's stack
            if frame is None:
                continue
            lines = [f'  File "{f.filename}", line {f.lineno} in {f.name}' for f in reversed(traceback.extract_stack(frame))]
            handle.write(f"Timeout ({interval:.0f} s)!\n" + "\n".join(lines) + "\n")
            handle.flush()

    thread = threading.Thread(target=sample, name="stack-sampler", daemon=True)
    thread.start()
    _SAMPLING.append((stop, thread, handle))


def _stop_sampling() -> None:
    while _SAMPLING:
        stop, thread, handle = _SAMPLING.pop()
        stop.set()
        thread.join(timeout=5)
        handle.close()


_SAMPLING: list[Any] = []


def samples(graph: str, name: str) -> list[tuple[str, float]]:
    """(innermost service frame → innermost frame, share of samples), most frequent first."""
    try:
        text = _sample_file(graph, name).read_text(errors="replace")
    except FileNotFoundError:
        return []
    counts: dict[str, int] = {}
    total = 0
    for block in text.split("Timeout (")[1:]:
        frames = re.findall(r'File "([^"]+)", line (\d+) in (\S+)', block)
        if not frames:
            continue
        total += 1
        short = [(f.split("site-packages/")[-1].replace(str(ROOT) + "/", ""), ln, fn) for f, ln, fn in frames]
        inner = short[0]
        service = next((fr for fr in short if fr[0].startswith("service/")), None)
        key = (f"{service[0]}:{service[1]} {service[2]}" if service else "?") + f" → {inner[0]}:{inner[1]} {inner[2]}"
        counts[key] = counts.get(key, 0) + 1
    return [(k, v / total) for k, v in sorted(counts.items(), key=lambda kv: -kv[1])][:6] if total else []


async def _run(graph: str, name: str, profile: bool, interval: float) -> dict[str, Any]:
    from service.analysis import runner
    from service.gc_tuning import tune_gc

    tune_gc()  # as the service's entry points (the CLI, the app's lifespan) do

    _start_sampling(graph, name, interval)
    server = open_embedded(DATA)
    store = await connect(server, graph, schema=False)
    timed = TimingStore(store)
    profiler = cProfile.Profile() if profile else None
    try:
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        result = await getattr(runner, name)(timed, settings(graph))  # type: ignore[arg-type]
        if profiler:
            profiler.disable()
        seconds = time.perf_counter() - started
    finally:
        _stop_sampling()
        await store.close()
    reads = timed.in_flight("read:")  # the wall time a read was outstanding (imports and compute may overlap it)
    if name == "duplication":
        sizes = await _sizes(server, graph, ("Duty",))
        kinds: dict[str, int] = {}
        for f in result.findings:
            kinds[f.classification] = kinds.get(f.classification, 0) + 1
        summary = {"duties": sizes, "findings": len(result.findings), **kinds, "fragmented areas": len(result.areas),
                   "planted recall": planted_recall(graph, result)}  # fmt: skip
        size = sizes
    else:
        size = await _sizes(server, graph, ("Capacity", "Need"), open_issues=True)
        summary = {"capacities+needs+open issues": size, "matches": len(result.matches),
                   "opportunities": len(result.opportunities), "chosen": len(result.chosen),
                   "optimal": result.optimal, "gap": result.gap,
                   "planted recall": await mirror_recall(graph, result)}  # fmt: skip
    top = None
    if profiler:
        stats = pstats.Stats(profiler)
        top = []
        for (filename, line, func), (_, _, tt, ct, _) in sorted(stats.stats.items(), key=lambda kv: -kv[1][3])[:40]:  # type: ignore[attr-defined]
            short = filename.split("site-packages/")[-1].replace(str(ROOT) + "/", "")
            if short.startswith("service/") or "scipy" in short or "networkx" in short or "numpy" in short:
                top.append((f"{short}:{line} {func}", tt, ct))
        top = top[:12]
    import resource

    summary["peak memory MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    return {"seconds": seconds, "read": reads, "compute": seconds - reads, "size": size, "summary": summary, "top": top}


async def _sizes(server: Any, graph: str, labels: tuple[str, ...], open_issues: bool = False) -> int:
    client = server.client()
    total = 0
    for label in labels:
        total += int(client.execute_command("GRAPH.RO_QUERY", graph, f"MATCH (n:{label}) WHERE NOT n.archived RETURN count(n)")[1][0][0])
    if open_issues:
        total += int(client.execute_command(
            "GRAPH.RO_QUERY", graph, "MATCH (n:Issue) WHERE NOT n.archived AND n.status IN ['open', 'in_progress'] RETURN count(n)"
        )[1][0][0])  # fmt: skip
    return total


def run(graph: str, name: str, timeout_s: float, profile: bool = False) -> AnalysisRun:
    """One analysis in a child process, stopped after ``timeout_s`` (its stack sampled every second)."""
    interval = 1.0
    cmd = [sys.executable, "-m", "bench.analyses", graph, name, f"--interval={interval}"] + (["--profile"] if profile else [])
    try:
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout_s, check=False)
    except subprocess.TimeoutExpired:
        stopped = AnalysisRun(name, graph, 0, timeout_s, float("nan"), float("nan"), {}, timed_out=True)
        stopped.samples = samples(graph, name)
        return stopped
    try:
        out = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        raise RuntimeError(f"analysis {name} failed (exit {done.returncode}): {done.stderr[-2000:]}") from None
    top = [tuple(t) for t in out["top"]] if out.get("top") else None
    done_run = AnalysisRun(name, graph, out["size"], out["seconds"], out["read"], out["compute"], out["summary"], top)  # type: ignore[arg-type]
    done_run.samples = samples(graph, name)
    return done_run


def growth(small: AnalysisRun, big: AnalysisRun) -> dict[str, float | bool]:
    n_ratio = big.size / small.size
    t_ratio = big.seconds / small.seconds
    nlogn = (big.size * math.log(big.size)) / (small.size * math.log(small.size))
    return {
        "size ratio": n_ratio, "time ratio": t_ratio, "n log n ratio": nlogn, "n² ratio": n_ratio**2,
        "exponent": math.log(t_ratio) / math.log(n_ratio) if n_ratio > 1 else float("nan"),
        "compute time ratio": big.compute_seconds / small.compute_seconds if small.compute_seconds else float("nan"),
        "within n log n": t_ratio <= TOLERANCE * nlogn,
    }  # fmt: skip


if __name__ == "__main__":
    graph_name, analysis = sys.argv[1], sys.argv[2]
    every = next((float(a.split("=", 1)[1]) for a in sys.argv if a.startswith("--interval=")), 5.0)
    print(json.dumps(asyncio.run(_run(graph_name, analysis, "--profile" in sys.argv, every)), ensure_ascii=False, default=str))
