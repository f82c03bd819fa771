"""Start-up, as a person meets it (issue 16): how long ``import service.app`` takes in a fresh
interpreter, and how long ``python -m service serve`` takes to answer ``/readyz`` with 200.

Three cases, each repeated and printed with its spread (median, lowest-highest), CPU beside the wall
clock so a busy machine shows as the gap between them:

* ``import``: ``python -c 'import service.app'``;
* ``first start``: an empty data dir with ``HAMAHANG_LOAD_DEMO=true`` (what ``make run`` does on a
  fresh clone, after installing): the embedded store starts, the schema and the demo are written;
* ``restart``: the same data dir again, the demo already there (every later ``make run``).

The time is from ``Popen`` to the first 200 of ``/readyz``, polled every 20 ms; the server is then
stopped with SIGTERM as a person's Ctrl-C would.

    python -m bench.startup [rounds]
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
from typing import Any

import httpx

from bench.common import PORTAL_SECRET, ROOT, VAR, free_port, log

TARGETS = {"import seconds": 2.0, "readyz seconds": 3.0}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_import() -> dict[str, float]:
    cpu = _children_cpu()
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import service.app"], cwd=ROOT, check=True)
    return {"wall": time.perf_counter() - started, "cpu": _children_cpu() - cpu}


def time_readyz(data_dir: str, demo: bool, timeout_s: float = 120.0) -> dict[str, float]:
    """Seconds from starting ``python -m service serve`` to ``/readyz`` 200; the process's CPU too."""
    port = free_port()
    env = dict(os.environ, HAMAHANG_DATA_DIR=data_dir, HAMAHANG_PORT=str(port), HAMAHANG_HOST="127.0.0.1",
               HAMAHANG_LOAD_DEMO="true" if demo else "false", HAMAHANG_PORTAL_SECRET=PORTAL_SECRET,
               PYTHONPATH=str(ROOT))  # fmt: skip
    cpu = _children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "service", "serve"], env=env, cwd=ROOT, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    url = f"http://127.0.0.1:{port}/readyz"
    try:
        with httpx.Client(timeout=2) as client:
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"service serve exited with {process.returncode} before /readyz answered 200")
                try:
                    if client.get(url).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.perf_counter() - started > timeout_s:
                    raise RuntimeError(f"/readyz did not answer 200 within {timeout_s:.0f} s")
                time.sleep(0.02)
        ready = time.perf_counter() - started
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
    return {"wall": ready, "cpu": _children_cpu() - cpu}  # CPU until the process ended (its shutdown too)


def spread(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def measure(rounds: int = 5) -> dict[str, Any]:
    """Each case ``rounds`` times, the cases interleaved (import, first start, restart, import, …)."""
    runs: dict[str, list[dict[str, float]]] = {"import": [], "first start": [], "restart": []}
    for r in range(rounds):
        runs["import"].append(time_import())
        data = VAR / f"startup-{r}"
        shutil.rmtree(data, ignore_errors=True)
        data.mkdir(parents=True)
        runs["first start"].append(time_readyz(str(data), demo=True))
        runs["restart"].append(time_readyz(str(data), demo=True))
        shutil.rmtree(data, ignore_errors=True)
        log(f"[start-up] round {r + 1}: " + ", ".join(f"{k} {v[-1]['wall']:.2f} s (cpu {v[-1]['cpu']:.2f} s)" for k, v in runs.items()))
    out: dict[str, Any] = {"rounds": rounds}
    for case, values in runs.items():
        out[case] = {"wall": spread([v["wall"] for v in values]), "cpu": spread([v["cpu"] for v in values])}
    out["load average"] = os.getloadavg()
    return out


def lines(result: dict[str, Any]) -> list[str]:
    def f(s: dict[str, float]) -> str:
        return f"{s['median']:.2f} s ({s['min']:.2f}-{s['max']:.2f})"

    target = {"import": TARGETS["import seconds"], "first start": TARGETS["readyz seconds"], "restart": TARGETS["readyz seconds"]}
    out = ["| case | wall, median (lowest-highest) | CPU | target | verdict |", "|---|---|---|---|---|"]
    for case in ("import", "first start", "restart"):
        r = result[case]
        ok = r["wall"]["median"] < target[case]
        out.append(f"| {case} | {f(r['wall'])} | {f(r['cpu'])} | < {target[case]:.0f} s | {'met' if ok else 'missed'} |")
    return out


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    result = measure(rounds)
    for line in lines(result):
        print(line)
    print(f"load average after: {result['load average']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
