"""Profiling one kind of GraphQL request in-process: where does the time go?

Run by ``bench/run.py`` for a scenario that misses its target (or for all with ``--profile``): the
real app behind httpx's ASGI transport, the token look-up and the store calls timed by wrapping
them, the whole under cProfile, and the known suspects summed up as shares.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import time
from typing import Any

import httpx

from bench.api import Sample, graphql_calls
from bench.common import ROOT, settings

async def run(graph: str, token: str, store: Any, scenario: str, n: int = 300,
                  max_seconds: float = 20.0) -> dict[str, Any]:  # fmt: skip
    """Run ``n`` GraphQL requests (fewer when they take over ``max_seconds``) of one scenario through the real app in this process (httpx's ASGI
    transport, no sockets), timing the token look-up and the store calls by wrapping them, and
    profiling the whole with cProfile. Returns the wall-time split and the top functions."""
    import service.app as app_module
    from service.app import create_app
    from service.storage.falkor import FalkorStore
    from service.storage.runtime import open_store

    cfg = settings(graph)
    app = create_app(cfg)
    runtime = await open_store(cfg)
    app.state.runtime = runtime
    from service.auth.cache import ActorCache

    app.state.actors = ActorCache(cfg.token_cache_s)  # what the lifespan gives the served app
    sample = await Sample.draw(store)
    spent = {"token look-up (get_actor)": 0.0, "store calls (FalkorStore._run)": 0.0}
    per_statement: dict[str, float] = {}
    calls = {"store calls": 0}
    original_actor, original_run = app_module.get_actor, FalkorStore._run

    async def timed_actor(request: Any) -> Any:
        started = time.perf_counter()
        try:
            return await original_actor(request)
        finally:
            spent["token look-up (get_actor)"] += time.perf_counter() - started

    busy = {"in flight": 0, "since": 0.0}

    async def timed_run(self: Any, name: str, params: Any, read_only: bool) -> Any:
        # the store counts as busy while at least one statement is in flight: DataLoader statements run
        # side by side, so adding their times up would count the same wall time several times
        started = time.perf_counter()
        calls["store calls"] += 1
        if busy["in flight"] == 0:
            busy["since"] = started
        busy["in flight"] += 1
        try:
            return await original_run(self, name, params, read_only)
        finally:
            ended = time.perf_counter()
            busy["in flight"] -= 1
            if busy["in flight"] == 0:
                spent["store calls (FalkorStore._run)"] += ended - busy["since"]
            per_statement[name] = per_statement.get(name, 0.0) + ended - started

    app_module.get_actor = timed_actor  # type: ignore[assignment]
    FalkorStore._run = timed_run  # type: ignore[method-assign]
    profiler = cProfile.Profile()
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            call = graphql_calls(client, token, sample)[scenario]
            for i in range(10):
                await call(10**6 + i)
            for key in spent:
                spent[key] = 0.0
            calls["store calls"] = 0
            per_statement.clear()
            started = time.perf_counter()
            deadline = started + max_seconds
            done = 0
            for i in range(n):  # timed without the profiler, which slows Python code more than I/O
                await call(i)
                done += 1
                if time.perf_counter() > deadline:
                    break
            wall = time.perf_counter() - started
            timed, store_calls, statements = dict(spent), calls["store calls"], dict(per_statement)
            profiler.enable()
            for i in range(done, 2 * done):
                await call(i)
            profiler.disable()
            n = done
    finally:
        app_module.get_actor = original_actor  # type: ignore[assignment]
        FalkorStore._run = original_run  # type: ignore[method-assign]
        await runtime.close()
    token_store = timed["token look-up (get_actor)"]
    store_total = min(timed["store calls (FalkorStore._run)"], wall)
    split = {
        "per request, ms": wall / n * 1000,
        "token look-up (get_actor: one store read)": token_store / wall,
        "other store calls (wall time with one in flight, their replies parsed)": max(0.0, store_total - token_store) / wall,
        "everything else (FastAPI, strawberry parse/validate/execute, resolvers, JSON)": 1
        - max(store_total, token_store) / wall,
        "store calls per request": store_calls / n,
    }
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(30)
    stats.sort_stats("tottime").print_callers(12)
    stats.sort_stats("cumulative").print_stats(60)
    top = []
    for (filename, line, func), (cc, nc, tt, ct, callers) in sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:12]:  # type: ignore[attr-defined]
        short = filename.split("site-packages/")[-1].replace(str(ROOT) + "/", "")
        top.append((f"{short}:{line} {func}", tt / n * 1000, ct / n * 1000))
    by_statement = {k: v / n * 1000 for k, v in sorted(statements.items(), key=lambda kv: -kv[1])}
    return {"split": split, "statements ms": by_statement, "top": top, "hot spots": hot_spots(stats, n), "requests": n,
            "text": out.getvalue()}  # fmt: skip


# (file suffix, function) -> what it is; shares of the profiled time are reported for each one found
HOT_SPOTS = {
    ("graphql/language/visitor.py", "visit"): "GraphQL document walks (validation rules run per request)",
    ("graphql/validation/validate.py", "validate"): "GraphQL validate()",
    ("graphql/language/parser.py", "parse"): "GraphQL parse()",
    ("typing.py", "get_type_hints"): "typing.get_type_hints (service/graphql/types/common.py from_row, per row)",
    ("redis/_parsers/resp2.py", "_read_response"): "redis reply parsing (pure-Python RESP2: hiredis missing)",
    ("falkordb/asyncio/query_result.py", "parse"): "FalkorDB result-set parsing (pure Python)",
    ("graphql/execution/executor.py", "execute_fields"): "graphql-core executing and completing fields",
    ("service/storage/values.py", "plain"): "service/storage/values.plain (row conversion)",
    ("service/auth/tokens.py", "resolve"): "token look-up (service/auth/tokens.resolve)",
    ("strawberry/dataloader.py", "load"): "DataLoader.load",
    ("service/graphql/types/common.py", "from_row"): "from_row (store row → strawberry type)",
}


def hot_spots(stats: pstats.Stats, n: int) -> dict[str, dict[str, float]]:
    """Cumulative time of known suspects, as ms per request and as a share of all profiled time."""
    raw = stats.stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in raw.values()) or 1.0
    out: dict[str, dict[str, float]] = {}
    for (filename, _, func), (_, calls, _, cumulative, _) in raw.items():
        for (suffix, name), label in HOT_SPOTS.items():
            if func == name and filename.endswith(suffix):
                entry = out.setdefault(label, {"ms per request": 0.0, "share": 0.0, "calls per request": 0.0})
                entry["ms per request"] += cumulative / n * 1000
                entry["share"] += cumulative / total
                entry["calls per request"] += calls / n
    return dict(sorted(out.items(), key=lambda kv: -kv[1]["share"]))
