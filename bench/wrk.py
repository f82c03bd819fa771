"""GraphQL against the plain endpoint with ``wrk``, a C load generator (Debian package ``wrk``).

The Python client (``bench/api.py``, httpx) spends 1.5-2 ms of the same 2 cores on every request,
which adds the same to both variants and pulls their ratio towards 1 (a lookup read 1.65x with
httpx and 2.1x with wrk against the same server in the same minute). wrk costs a few microseconds a
request, so what it measures is the servers. Both servers run side by side; every round runs each
variant in turn (the order alternating from round to round), so a slow spell of the shared machine
falls on all of them, and the figures are printed as the median with the lowest and highest round.

Scenarios: ``lookup`` and ``page`` as in ``bench/api.py`` (the same documents, the same agencies);
the plain endpoint does the same work (``bench/plain_app.py``). Ratios are taken within a round
(GraphQL's p50 over plain's p50, plain's requests/s over GraphQL's) and summarised the same way.

    python -m bench.wrk --graph city --rounds 5 --seconds 4     # a graph already loaded in bench/.var
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shutil
import statistics
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.api import DOCS, Sample, Server
from bench.common import log

WRK_LINE = re.compile(r"^WRKJSON (.*)$", re.MULTILINE)
SCENARIOS = ("lookup", "page")
CLIENTS = (1, 8)


def wrk_path() -> str | None:
    return shutil.which("wrk")


def lua_script(requests: list[tuple[str, str, str | None]], headers: dict[str, str]) -> str:
    """A wrk script cycling through ``requests`` (method, path, body) and printing its summary as JSON."""

    def lua(text: str) -> str:
        if not text.isascii():  # Lua knows no \u escapes: the requests stay ASCII (ids, documents)
            raise ValueError(f"not ASCII: {text[:40]!r}")
        return json.dumps(text)  # an ASCII JSON string literal is a Lua string literal too

    items = ",\n".join(f"{{{lua(m)}, {lua(p)}, {lua(b) if b is not None else 'nil'}}}" for m, p, b in requests)
    head = ", ".join(f"[{lua(k)}] = {lua(v)}" for k, v in headers.items())
    return f"""
local items = {{
{items}
}}
local headers = {{{head}}}
local n = 0
request = function()
  n = n % #items + 1
  local item = items[n]
  return wrk.format(item[1], item[2], headers, item[3])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {{"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, ' ..
    '"mean_us": %.1f, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.mean,
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""


@dataclass
class WrkRun:
    variant: str
    scenario: str
    clients: int
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def run_wrk(url: str, script: Path, clients: int, seconds: float) -> dict[str, Any]:
    binary = wrk_path()
    if binary is None:
        raise RuntimeError("wrk is not installed (apt-get install wrk; make bench installs it)")
    out = subprocess.run([binary, "-t1", f"-c{clients}", f"-d{seconds:g}s", "--timeout", "10s", "-s", str(script), url],
                         capture_output=True, text=True, timeout=seconds + 60, check=True)  # fmt: skip
    found = WRK_LINE.search(out.stdout)
    if found is None:
        raise RuntimeError(f"no summary from wrk: {out.stdout[-500:]} {out.stderr[-500:]}")
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def _requests(variant: str, scenario: str, sample: Sample, n: int = 400) -> list[tuple[str, str, str | None]]:
    agencies = [sample.agency(i) for i in range(n)]
    if variant == "graphql":
        return [("POST", "/graphql", json.dumps({"query": DOCS[scenario], "variables": {"id": a}})) for a in agencies]
    suffix = "/page" if scenario == "page" else ""
    return [("GET", f"/agency/{a}{suffix}", None) for a in agencies]


@dataclass
class Summary:
    runs: list[WrkRun] = field(default_factory=list)

    def of(self, variant: str, scenario: str, clients: int) -> list[WrkRun]:
        return [r for r in self.runs if (r.variant, r.scenario, r.clients) == (variant, scenario, clients)]

    def ratios(self, scenario: str, clients: int) -> tuple[list[float], list[float]]:
        """Per round: GraphQL p50 / plain p50, and plain req/s / GraphQL req/s."""
        g, p = self.of("graphql", scenario, clients), self.of("plain", scenario, clients)
        return [a.p50_ms / b.p50_ms for a, b in zip(g, p, strict=False)], [b.rps / a.rps for a, b in zip(g, p, strict=False)]


def spread(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)} if values else {}


def fmt(values: list[float], digits: int = 2) -> str:
    s = spread(values)
    return f"{s['median']:,.{digits}f} ({s['min']:,.{digits}f}-{s['max']:,.{digits}f})" if s else "-"


async def measure(graph: str, token: str, store: Any, rounds: int = 5, seconds: float = 4.0, workers: int = 1,
                  scenarios: tuple[str, ...] = SCENARIOS, clients: tuple[int, ...] = CLIENTS) -> Summary:  # fmt: skip
    sample = await Sample.draw(store)
    servers = {"graphql": Server("service.asgi:app", graph, "/readyz", workers=workers),
               "plain": Server("bench.plain_app:app", graph, "/healthz", workers=workers)}  # fmt: skip
    summary = Summary()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    try:
        with tempfile.TemporaryDirectory(prefix="hamahang-wrk-") as tmp:
            scripts: dict[tuple[str, str], Path] = {}
            for variant, server in servers.items():
                for scenario in scenarios:
                    path = Path(tmp) / f"{variant}-{scenario}.lua"
                    path.write_text(lua_script(_requests(variant, scenario, sample), headers), encoding="utf-8")
                    scripts[(variant, scenario)] = path
                    run_wrk(server.url, path, 2, 1.0)  # warm-up: caches, token, connections
            for round_no in range(rounds):
                order = list(servers) if round_no % 2 == 0 else list(reversed(servers))
                for scenario in scenarios:
                    for c in clients:
                        for variant in order:
                            data = await asyncio.to_thread(run_wrk, servers[variant].url, scripts[(variant, scenario)], c, seconds)
                            errors = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
                            run = WrkRun(variant, scenario, c, data["requests"] / (data["duration_us"] / 1e6),
                                         data["p50_us"] / 1000, data["p99_us"] / 1000, errors)  # fmt: skip
                            summary.runs.append(run)
                            log(f"  wrk round {round_no + 1}/{rounds} {scenario:6} c={c} {variant:7} {run.rps:8,.0f} req/s "
                                f"p50 {run.p50_ms:6.2f} ms p99 {run.p99_ms:6.2f} ms errors {errors}")  # fmt: skip
    finally:
        for server in servers.values():
            server.stop()
    return summary


def table(summary: Summary, scenarios: tuple[str, ...] = SCENARIOS, clients: tuple[int, ...] = CLIENTS) -> list[str]:
    """Markdown: each figure as median (lowest-highest round)."""
    lines = ["| scenario | clients | variant | req/s | p50 ms | p99 ms | errors |", "|---|---|---|---|---|---|---|"]
    for scenario in scenarios:
        for c in clients:
            for variant in ("plain", "graphql"):
                runs = summary.of(variant, scenario, c)
                lines.append(f"| {scenario} | {c} | {variant} | {fmt([r.rps for r in runs], 0)} | {fmt([r.p50_ms for r in runs])} "
                             f"| {fmt([r.p99_ms for r in runs])} | {sum(r.errors for r in runs)} |")  # fmt: skip
    lines += ["", "| scenario | clients | p50 GraphQL ÷ plain | throughput plain ÷ GraphQL |", "|---|---|---|---|"]
    for scenario in scenarios:
        for c in clients:
            latency, throughput = summary.ratios(scenario, c)
            lines.append(f"| {scenario} | {c} | {fmt(latency)}× | {fmt(throughput)}× |")
    return lines


async def _main(args: argparse.Namespace) -> int:
    from bench.common import DATA, connect
    from service.auth.tokens import create_token
    from service.domain.actor import Role
    from service.storage.embedded import open_embedded

    server = open_embedded(DATA)  # attaches to a running store, or starts one (then stopped at the end)
    store = await connect(server, args.graph, schema=False)
    try:
        token, _ = await create_token(store, Role.DIRECTORATE, None, "bench-wrk")
        summary = await measure(args.graph, token, store, args.rounds, args.seconds, args.workers)
    finally:
        await store.close()
        server.stop()
    print("\n".join(table(summary)))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.wrk", description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", default="city_service", help="a graph already loaded in the bench's data dir")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=4.0, help="each wrk run")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers of both servers")
    return asyncio.run(_main(parser.parse_args()))


if __name__ == "__main__":
    raise SystemExit(main())
