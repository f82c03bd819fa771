"""Checks the suite makes on the store before trusting its figures.

``stale_plan``: FalkorDB keeps the plan it made the first time a statement ran. A statement first run
while a relationship type did not exist yet (on an empty graph, as ``prepare`` does during the first
import) would keep matching nothing; the service's schema declares every type first. The check imports
the demo into an empty graph the way the service does and reads a duty back with ``duty/get``.
"""

from __future__ import annotations

from typing import Any

from bench.common import connect, drop_graph
from service.demo.loader import load_demo


async def stale_plan(server: Any) -> dict[str, Any]:
    graph = "check_plan"
    drop_graph(server, graph)
    store = await connect(server, graph)
    try:
        await load_demo(store)
        rows = await store.read("duty/get", {"ids": ["du-mm-governance"]})
    finally:
        await store.close()
        drop_graph(server, graph)
    node = rows[0]["node"] if rows else {}
    read = {"agencyId": node.get("agencyId"), "supportAgencyIds": node.get("supportAgencyIds")}
    return {"as the service does": read, "stale": read["agencyId"] is None}


SCANS = ("All Node Scan", "Node By Label Scan")
# statements that read a whole label by design (listing, counting, snapshots, exports)
WHOLE_LABEL = ("/list", "/count", "/status_counts", "/totals_by_day", "backup/", "audit/", "token/list", "registry/is_empty")


def _dummy(param: str) -> str:
    """A value of the right type for planning (the planner only uses an index for a typed value)."""
    if param in ("skip", "limit"):
        return "1"
    if param in ("includeArchived", "desc", "overdue"):
        return "false"
    if param == "ids" or param.endswith("Ids") or param in ("openStatuses", "members"):
        return "['x']"
    if param in ("rows", "steps") or param.endswith("s") and param not in ("status", "props", "address"):
        return "[]"
    if param in ("props", "audit", "after", "changes", "patch"):
        return "{version: 1}"
    if param in ("expectedVersion", "version", "quantity"):
        return "1"
    return "'x'"


async def plan_scans(server: Any, graph: str) -> dict[str, list[str]]:
    """``GRAPH.EXPLAIN`` every service statement (parameters all null) and name those whose plan scans a
    whole label or every node: by design for lists and counts, a cost that grows with the registry for
    look-ups and traversals that should start from an indexed id."""
    import re

    from bench.common import library

    client = server.client()
    lib = library()
    found: dict[str, list[str]] = {"look-ups and traversals": [], "lists and counts (by design)": [], "not explained": []}
    for name in sorted(n for n in lib.shared() if not n.startswith("bench/")):
        text = lib[name]
        params = sorted(set(re.findall(r"\$(\w+)", text)))
        header = ("CYPHER " + " ".join(f"{p}={_dummy(p)}" for p in params) + " ") if params else ""
        try:
            plan = [line.decode() if isinstance(line, bytes) else line
                    for line in client.execute_command("GRAPH.EXPLAIN", graph, header + text)]  # fmt: skip
        except Exception as exc:  # noqa: BLE001 - reported, not fatal
            found["not explained"].append(f"{name}: {str(exc)[:80]}")
            continue
        scans = sorted({line.strip() for line in plan if any(s in line for s in SCANS)})
        if scans:
            group = "lists and counts (by design)" if any(k in name for k in WHOLE_LABEL) else "look-ups and traversals"
            found[group].append(f"{name}: " + "; ".join(scans))
    return found


def socket_timeout() -> dict[str, Any]:
    """How long the service's store connections wait for a reply: ``FalkorStore.connect`` passes no
    ``socket_timeout``, so redis-py's default applies (5 s in redis-py 8), whatever ``store_timeout_s`` says."""
    import redis as redis_module

    from service.settings import Settings
    from service.storage.falkor import FalkorStore
    from service.storage.queries import QueryLibrary

    store = FalkorStore.connect(queries=QueryLibrary.load(), graph="x", unix_socket="/nonexistent",
                                timeout_s=Settings().store_timeout_s)  # fmt: skip
    kwargs = store._db.connection.connection_pool.connection_kwargs  # type: ignore[attr-defined]
    from redis.asyncio.connection import UnixDomainSocketConnection

    default = UnixDomainSocketConnection.__init__.__kwdefaults__ or {}
    value = kwargs.get("socket_timeout", default.get("socket_timeout"))
    if value is None and "socket_timeout" not in kwargs:
        import inspect

        value = inspect.signature(UnixDomainSocketConnection.__init__).parameters.get("socket_timeout")
        value = getattr(value, "default", None)
        if value is None:  # declared on the base class
            from redis.asyncio.connection import AbstractConnection

            value = inspect.signature(AbstractConnection.__init__).parameters["socket_timeout"].default
    return {"redis-py": redis_module.__version__, "socket timeout s": value,
            "store_timeout_s setting": Settings().store_timeout_s}
