"""Rendering the whole-registry picture.

When ``service.pictures`` is there (it is being built beside this suite), the picture is the
service's own: ``GET /graph`` on the real app over HTTP, timed end to end, and the same steps the
route takes (``load_snapshot(ALL)`` → ``registry_graph.build`` → ``apply`` → ``cluster_by_kind`` when
it is over ``DRAW_LIMIT`` nodes → ``network.render``) timed one by one in this process. When it is not
importable, a stand-in is measured instead and the report says so: a pyvis ``Network`` of the
agencies with their exchanges aggregated per pair (count and rials), rendered in line.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from typing import Any

import httpx

from bench.common import ROOT


def available() -> bool:
    try:
        from service.pictures import network, registry_graph
    except Exception:  # noqa: BLE001 - any failure means: measure the stand-in
        return False
    return hasattr(registry_graph, "build") and hasattr(network, "render")


async def steps(store: Any) -> dict[str, Any]:
    """The route's steps, each timed (seconds), with the sizes seen."""
    from service.analysis.snapshot import ALL, load_snapshot
    from service.pictures import registry_graph
    from service.pictures.network import render

    out: dict[str, Any] = {}
    t = time.perf_counter()
    snap = await load_snapshot(store, ALL)
    out["read the snapshot (load_snapshot ALL)"] = time.perf_counter() - t
    t = time.perf_counter()
    g = registry_graph.build(snap)
    out["build the networkx graph"] = time.perf_counter() - t
    out["graph nodes"], out["graph edges"] = g.number_of_nodes(), g.number_of_edges()
    t = time.perf_counter()
    g = registry_graph.apply(g, registry_graph.GraphFilter())
    out["apply the (empty) filter"] = time.perf_counter() - t
    if g.number_of_nodes() > registry_graph.DRAW_LIMIT:
        t = time.perf_counter()
        g = registry_graph.cluster_by_kind(g)
        out["cluster by agency kind"] = time.perf_counter() - t
    t = time.perf_counter()
    page = render(g, title="شبکهٔ دستگاه‌های اجرایی")
    out["render the page (pyvis)"] = time.perf_counter() - t
    out["drawn nodes"], out["drawn edges"], out["page KB"] = g.number_of_nodes(), g.number_of_edges(), len(page.encode()) // 1024
    return out


def over_http(url: str, token: str, times: int = 2, timeout_s: float = 300) -> list[float] | str:
    """``GET /graph`` on the running service, ``times`` times; seconds each (or why not)."""
    took = []
    with httpx.Client(base_url=url, timeout=timeout_s) as client:
        for _ in range(times):
            t = time.perf_counter()
            try:
                r = client.get("/graph", headers={"Authorization": f"Bearer {token}", "Accept": "text/html"})
            except httpx.TimeoutException:
                return f"GET /graph took longer than {timeout_s:.0f} s"
            if r.status_code != 200:
                return f"GET /graph answered {r.status_code}: {r.text[:200]}"
            took.append(time.perf_counter() - t)
    return took


async def stand_in(store: Any) -> dict[str, Any]:
    """pyvis Network of agencies, exchanges aggregated per pair: what to draw when the service has no picture."""
    from pyvis.network import Network

    out: dict[str, Any] = {}
    t = time.perf_counter()
    agencies = await store.read("bench/picture_agencies")
    edges = await store.read("bench/picture_edges")
    out["read agencies and aggregated exchanges"] = time.perf_counter() - t
    t = time.perf_counter()
    net = Network(height="90vh", width="100%", directed=True, cdn_resources="in_line")
    for a in agencies:
        net.add_node(a["id"], label=a["name"][:30], title=a["kind"])
    for e in edges:
        net.add_edge(e["source"], e["target"], value=int(e["n"]), title=f"{e['n']} exchanges, {e['rials']} rials")
    net.set_options('{"physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 150}}}')
    page = net.generate_html()
    out["build and render (pyvis, in line)"] = time.perf_counter() - t
    out["drawn nodes"], out["drawn edges"], out["page KB"] = len(agencies), len(edges), len(page.encode()) // 1024
    return out


async def _child(graph: str) -> dict[str, Any]:
    from bench.common import DATA, connect
    from service.storage.embedded import open_embedded

    store = await connect(open_embedded(DATA), graph, schema=False)
    try:
        if not available():
            return {"kind": "stand-in: a pyvis Network of agencies with exchanges aggregated per pair "
                            "(service.pictures was not importable)", "steps": await stand_in(store)}  # fmt: skip
        return {"kind": "service.pictures: the steps of GET /graph", "steps": await steps(store)}
    finally:
        await store.close()


def measure(graph: str, timeout_s: float) -> dict[str, Any]:
    """The picture's steps in a child process (stopped after ``timeout_s``)."""
    cmd = [sys.executable, "-m", "bench.picture", graph]
    try:
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout_s, check=False)
    except subprocess.TimeoutExpired:
        return {"kind": "timed out", "timed out after s": timeout_s}
    if done.returncode != 0:
        return {"kind": "failed", "error": done.stderr[-1500:]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


if __name__ == "__main__":
    print(json.dumps(asyncio.run(_child(sys.argv[1])), ensure_ascii=False))
