"""The analyses end to end as their users run them (issue 16, item 4): the command line writing the
whole result, and GraphQL answering one page of it over HTTP.

* CLI: ``python -m service analyze NAME --format json -o FILE`` in a fresh process (its imports,
  attaching to the store, reading, computing and streaming the file all counted), on the kept graph;
* GraphQL: a directorate token POSTs the first page (500) of the findings or matches with their
  count, to a running ``service.asgi:app``: the analysis runs inside the request.

Each is repeated, the two interleaved, and printed with its spread.

    python -m bench.cli GRAPH [rounds]
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import time
from typing import Any

import httpx

from bench.common import DATA, ROOT, VAR, connect, log, settings
from service.storage.embedded import open_embedded

TARGET_S = 5.0
QUERIES = {
    "duplication": "{ analyses { duplication { findingCount findings(first: 500) { id classification atStakeRials } } } }",
    "winwin": "{ analyses { winWin { optimal totalChosenRials matches(first: 500) { id score } opportunities(first: 500) { id } } } }",
}


def run_cli(graph: str, name: str) -> dict[str, Any]:
    out = VAR / f"cli-{graph}-{name}.json"
    env = dict(os.environ, HAMAHANG_DATA_DIR=str(DATA), HAMAHANG_GRAPH_NAME=graph, HAMAHANG_LOAD_DEMO="false",
               HAMAHANG_TODAY=settings(graph).today or "", PYTHONPATH=str(ROOT))  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "service", "analyze", name, "--format", "json", "-o", str(out)],
                          env=env, cwd=ROOT, capture_output=True, text=True, check=False)  # fmt: skip
    seconds = time.perf_counter() - started
    if done.returncode:
        raise RuntimeError(f"analyze {name} exited {done.returncode}: {done.stderr[-1500:]}")
    size = out.stat().st_size
    out.unlink()
    return {"seconds": seconds, "bytes": size}


async def _token(graph: str) -> str:
    from service.auth.tokens import create_token
    from service.domain.actor import Role

    server = open_embedded(DATA)
    store = await connect(server, graph, schema=False)
    try:
        token, _ = await create_token(store, Role.DIRECTORATE, None, "bench-cli")
        return token
    finally:
        await store.close()


def run_graphql(url: str, token: str, name: str) -> dict[str, Any]:
    started = time.perf_counter()
    response = httpx.post(url + "/graphql", json={"query": QUERIES[name]}, headers={"Authorization": f"Bearer {token}"},
                          timeout=600)  # fmt: skip
    seconds = time.perf_counter() - started
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise RuntimeError(f"GraphQL {name}: {response.status_code} {str(body)[:500]}")
    report = body["data"]["analyses"]["duplication" if name == "duplication" else "winWin"]
    if not report.get("findings", report.get("matches")):  # an empty page is no measurement (the wrong day, say)
        raise RuntimeError(f"GraphQL {name}: an empty first page: {str(body)[:300]}")
    return {"seconds": seconds, "bytes": len(response.content)}


def measure(graph: str, rounds: int = 3) -> dict[str, Any]:
    from bench.api import Server

    token = asyncio.run(_token(graph))
    # the generator's windows lie in 1401-1404: the server judges on the bench's day, as the CLI does
    service = Server("service.asgi:app", graph, "/readyz", extra_env={"HAMAHANG_TODAY": settings(graph).today or ""})
    runs: dict[str, list[dict[str, Any]]] = {}
    try:
        for r in range(rounds):
            for name in ("duplication", "winwin"):
                for how in ("cli", "graphql"):
                    one = run_cli(graph, name) if how == "cli" else run_graphql(service.url, token, name)
                    runs.setdefault(f"{name} {how}", []).append(one)
                    log(f"[cli] round {r + 1}: {name} through {how}: {one['seconds']:.2f} s, {one['bytes']:,} bytes")
    finally:
        service.stop()
    out: dict[str, Any] = {"rounds": rounds, "graph": graph}
    for key, values in runs.items():
        secs = [v["seconds"] for v in values]
        out[key] = {"median": statistics.median(secs), "min": min(secs), "max": max(secs), "bytes": values[-1]["bytes"]}
    out["load average"] = os.getloadavg()
    return out


def lines(result: dict[str, Any]) -> list[str]:
    out = ["| analysis, how | seconds, median (lowest-highest) | reply | target | verdict |", "|---|---|---|---|---|"]
    for key in ("duplication cli", "duplication graphql", "winwin cli", "winwin graphql"):
        if key in result:
            r = result[key]
            what = "the whole result, streamed to a file" if key.endswith("cli") else "first page of 500 and the count"
            out.append(f"| {key} | {r['median']:.2f} ({r['min']:.2f}-{r['max']:.2f}) | {r['bytes'] / 1e6:.2f} MB, {what} | "
                       f"< {TARGET_S:.0f} s | {'met' if r['median'] < TARGET_S else 'missed'} |")  # fmt: skip
    return out


def main() -> int:
    graph = sys.argv[1] if len(sys.argv) > 1 else "city_bulk"
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    result = measure(graph, rounds)
    for line in lines(result):
        print(line)
    print(f"load average after: {result['load average']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

