"""The embedded store: durability across SIGKILL, attaching processes, stale files, restarts."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import httpx
import pytest

from service.settings import Settings
from service.storage.embedded import open_embedded
from service.storage.errors import Conflict
from service.storage.runtime import open_store
from tests.conftest import LiveServer, free_port

WRITE_AGENCY = "agency/create"


def _agency(ident: str) -> dict[str, object]:
    props = {"code": ident, "nameFa": "آزمون", "kind": "ngo", "level": "external", "version": 1, "archived": False}
    audit = {"id": f"au-{ident}", "action": "create", "entity": "Agency", "entityId": ident}
    return {"id": ident, "props": props, "parentId": None, "now": "2026-01-01T00:00:00Z", "idempotencyKey": None, "inputHash": None, "audit": audit}


def _wait_dead(pid: int) -> None:
    for _ in range(200):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.02)
    raise AssertionError(f"pid {pid} still alive")


async def test_acknowledged_write_survives_sigkill(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, appendfsync="always", graph_name="durable")
    runtime = await open_store(settings)
    assert runtime.server is not None and runtime.server.owned
    await runtime.store.write(WRITE_AGENCY, _agency("ag-durable"))
    pid = runtime.server.pid
    os.kill(pid, signal.SIGKILL)
    runtime.server.process.wait(timeout=10)  # type: ignore[union-attr]
    await runtime.store.close()

    again = await open_store(settings)  # finds the dead pid, cleans up, starts a new server
    try:
        assert again.server is not None and again.server.pid != pid
        rows = await again.store.read("agency/get", {"ids": ["ag-durable"]})
        assert [r["node"]["id"] for r in rows] == ["ag-durable"]
    finally:
        await again.close()


async def test_starts_leave_no_constraint_command_to_replay(tmp_path: Path) -> None:
    """A ``GRAPH.CONSTRAINT`` in the append-only file blocks FalkorDB's next load (FalkorDB#2212; CI
    hung restarting after a SIGKILL): the first start folds them into the RDB base, later ones send
    none, and the constraints still hold after each restart."""
    settings = Settings(data_dir=tmp_path, appendfsync="always", graph_name="folded")
    aof = tmp_path / "falkordb" / "appendonlydir"
    for start in range(3):
        runtime = await open_store(settings)
        try:
            await runtime.store.write(WRITE_AGENCY, _agency(f"ag-{start}"))
            again = _agency(f"ag-{start}")
            again["audit"] = {**again["audit"], "id": f"au-again-{start}"}  # type: ignore[dict-item]
            with pytest.raises(Conflict):  # the Agency id constraint, created once, survives restarts
                await runtime.store.write(WRITE_AGENCY, again)
            incr = b"".join(p.read_bytes() for p in aof.glob("*.incr.aof"))
            assert b"GRAPH.CONSTRAINT" not in incr.upper()
            assert f"ag-{start}".encode() in incr  # the AOF is the one being written
            rows = await runtime.store.read("agency/get", {"ids": [f"ag-{i}" for i in range(start + 1)]})
            assert len(rows) == start + 1
        finally:
            await runtime.close()


async def test_a_second_process_attaches_and_sees_writes(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, appendfsync="always", graph_name="shared")
    runtime = await open_store(settings)
    try:
        await runtime.store.write(WRITE_AGENCY, _agency("ag-from-parent"))
        script = textwrap.dedent(
            f"""
            import asyncio, json
            from service.settings import Settings
            from service.storage.runtime import open_store
            async def main():
                rt = await open_store(Settings(data_dir={str(tmp_path)!r}, graph_name="shared"))
                seen = await rt.store.read("agency/get", {{"ids": ["ag-from-parent"]}})
                await rt.store.write("agency/create", {_agency("ag-from-child")!r})
                print(json.dumps({{"pid": rt.server.pid, "owned": rt.server.owned, "seen": len(seen)}}))
                await rt.close()
            asyncio.run(main())
            """
        )
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
        child = json.loads(done.stdout.strip().splitlines()[-1])
        assert child == {"pid": runtime.server.pid, "owned": False, "seen": 1}  # type: ignore[union-attr]
        rows = await runtime.store.read("agency/get", {"ids": ["ag-from-child"]})
        assert len(rows) == 1
        assert runtime.server is not None and runtime.server.alive()  # the child did not stop it
    finally:
        await runtime.close()


def test_stale_pid_and_socket_are_cleaned_up(tmp_path: Path) -> None:
    root = tmp_path / "falkordb"
    root.mkdir()
    gone = subprocess.Popen(["true"])
    gone.wait()
    (root / "redis.sock").write_text("stale")
    (root / "server.json").write_text(json.dumps({"pid": gone.pid, "socket": str(root / "redis.sock"), "port": None}))
    server = open_embedded(tmp_path)
    try:
        assert server.owned and server.pid != gone.pid and server.alive()
    finally:
        server.stop()
    assert not (root / "server.json").exists()


async def test_runtime_restarts_a_dead_embedded_server(tmp_path: Path) -> None:
    runtime = await open_store(Settings(data_dir=tmp_path, graph_name="revive"))
    try:
        old = runtime.server
        assert old is not None
        os.kill(old.pid, signal.SIGKILL)
        old.process.wait(timeout=10)  # type: ignore[union-attr]
        _wait_dead(old.pid)
        await runtime.ready()
        assert runtime.server is not None and runtime.server.pid != old.pid
        assert await runtime.store.read("registry/ping") == [{"ok": 1}]
    finally:
        await runtime.close()


def test_readyz_is_503_with_a_reason_when_the_store_is_down(tmp_path: Path) -> None:
    settings = Settings(env="test", data_dir=tmp_path, graph_url=f"falkordb://127.0.0.1:{free_port()}/nothing")
    with LiveServer(settings) as live, httpx.Client(base_url=live.url) as client:
        assert client.get("/healthz").status_code == 200
        response = client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["status"] == "unavailable" and "unreachable" in response.json()["reason"]
        answer = client.post("/graphql", json={"query": "{ agencies { totalCount } }"},
                             headers={"Authorization": "Bearer hmh_anything"})  # fmt: skip
        assert answer.status_code == 503
        assert answer.json()["errors"][0]["extensions"]["code"] == "STORE_UNAVAILABLE"


def _empty_start(tmp_path: Path) -> float:
    """Seconds this machine takes, now, to start an empty store."""
    started = time.monotonic()
    open_embedded(tmp_path / "empty").stop()
    return time.monotonic() - started


def _started_past_its_limit(tmp_path: Path) -> str:
    """Start the store in ``tmp_path`` (4M ``:N`` nodes in graph ``big``) under a limit shorter than its
    loading; it must come up whole (the old start killed a store still loading at such a limit).
    Returns the server's log.

    The limit lies between three empty starts and the last loaded start, both measured now. This
    machine's speed wanders, so a start can come in under a limit set from the one before: that start
    shows nothing either way, and it is tried again under a limit set from it (three tries). A start
    that kills the loading store fails at once (``Unavailable``)."""
    empty = _empty_start(tmp_path)
    started = time.monotonic()
    open_embedded(tmp_path).stop()  # the default limit (60 s)
    loaded = time.monotonic() - started
    for _ in range(3):
        assert loaded > 3 * empty, f"loading took {loaded:.2f} s, an empty start {empty:.2f} s: too close to tell apart"
        limit = (3 * empty + loaded) / 2
        started = time.monotonic()
        again = open_embedded(tmp_path, start_timeout_s=limit)
        try:
            loaded = time.monotonic() - started
            if loaded <= limit:
                continue  # faster than the start the limit came from: shows nothing either way
            rows = again.client(30).execute_command("GRAPH.RO_QUERY", "big", "MATCH (n:N) RETURN count(n)")
            assert rows[1][0][0] == 4_000_000
            return (tmp_path / "falkordb" / "server.log").read_text()
        finally:
            again.stop()
    raise AssertionError(f"three starts each came in under the limit set from the one before (last {loaded:.2f} s)")


def test_a_store_still_loading_its_files_is_waited_for_past_the_start_limit(tmp_path: Path) -> None:
    """A server answering LOADING was killed once the start limit passed (60 s), so a registry too big to
    read back in a minute could never start again; time spent loading does not count."""
    server = open_embedded(tmp_path)
    try:
        client = server.client(120)
        client.execute_command("GRAPH.QUERY", "big", "UNWIND range(1, 4000000) AS x CREATE (:N {v: x, s: 'ده رقم'})")
        client.bgrewriteaof()  # into an RDB base: read back whole at start (about 1.2 s here)
        while any(client.info("persistence")[k] for k in ("aof_rewrite_in_progress", "aof_rewrite_scheduled")):
            time.sleep(0.05)
        client.close()
    finally:
        server.stop()
    log = _started_past_its_limit(tmp_path)
    assert "Loading RDB" in log.split("Server initialized")[-1]  # the RDB base, not an AOF replay


def test_a_store_replaying_a_long_statement_from_its_aof_is_waited_for(tmp_path: Path) -> None:
    """Replaying an AOF, the server answers nothing while one big statement runs (a country's bulk
    imports take seconds each): its log says it is loading, so the start waits for it."""
    server = open_embedded(tmp_path)
    try:
        client = server.client(120)
        client.execute_command("GRAPH.QUERY", "big", "UNWIND range(1, 4000000) AS x CREATE (:N {v: x})")
        client.close()
    finally:
        server.stop()
    _started_past_its_limit(tmp_path)


def test_the_store_threads_setting_reaches_falkordb(tmp_path: Path) -> None:
    """``HAMAHANG_STORE_THREADS`` becomes FalkorDB's THREAD_COUNT in the store the service starts."""

    async def threads(settings: Settings) -> object:
        runtime = await open_store(settings)
        try:
            assert runtime.server is not None
            return runtime.server.client().execute_command("GRAPH.CONFIG", "GET", "THREAD_COUNT")
        finally:
            await runtime.close()

    assert asyncio.run(threads(Settings(data_dir=tmp_path / "one", store_threads=1))) == [b"THREAD_COUNT", 1]
    default = asyncio.run(threads(Settings(data_dir=tmp_path / "default")))
    assert isinstance(default, list) and default[1] in {os.cpu_count(), len(os.sched_getaffinity(0))}, default
