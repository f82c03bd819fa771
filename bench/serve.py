"""The API phase alone, on a registry the suite already loaded: ``python -m bench.serve GRAPH``.

The whole country takes about 90 minutes to load. When its API phase fails (the embedded FalkorDB
crashed under eight clients at stop 16), the store kept under ``HAMAHANG_BENCH_VAR`` is measured again
here, the same way ``bench.run`` measures it (``api_scale``: httpx then wrk, both baselines), without
loading it again. Attaches to the suite's server on ``VAR/data`` if it runs, else starts it on the kept
files (``HAMAHANG_STORE_THREADS`` sets its query threads); a server it started is stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import shlex
import sys
from typing import Any

from bench.common import DATA, log, machine, memory_mb, store_threads, threads_of
from bench.report import write_report
from bench.run import TARGETS, WRK, _phase, api_scale
from service.storage.embedded import open_embedded


async def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("graph", help="the loaded graph, e.g. country_bulk")
    parser.add_argument("--scale", default="country", help="the scale's name in the report (default country)")
    parser.add_argument("--output", required=True, help="where to write the report")
    parser.add_argument("--wrk-rounds", type=int, default=WRK["rounds"])
    parser.add_argument("--wrk-seconds", type=float, default=WRK["seconds"])
    parser.add_argument("--workers", type=int, default=WRK["workers"])
    args = parser.parse_args(argv)
    WRK.update(rounds=args.wrk_rounds, seconds=args.wrk_seconds, workers=args.workers)
    command = "python -m bench.serve " + " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))
    server = open_embedded(DATA, appendfsync="everysec", threads=store_threads(), start_timeout_s=600)
    scale = args.scale
    results: dict[str, Any] = {"command": command, "smoke": 1, "started": dt.datetime.now(dt.UTC), "machine": machine(),
               "skipped": {}, "targets": TARGETS, "store pid": server.pid,
               "scales": {scale: {"name": scale, "kept graph": args.graph, "store memory MB": memory_mb(server)}}}  # fmt: skip
    results["machine"]["store query threads"] = threads_of(server)
    log(f"Hamahang benchmark, API phase only: {command} (store pid {server.pid}, "
        f"{results['scales'][scale]['store memory MB']:,.0f} MB)")  # fmt: skip
    try:
        await _phase(results, scale, "api", api_scale(scale, args.graph, server, results, False))
    finally:
        results["finished"] = dt.datetime.now(dt.UTC)
        server.stop()
    path = write_report(results, args.output)
    log(f"wrote {path}")
    return 1 if results["scales"][scale].get("failures") else 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
