"""One owner per data dir, healing on the request path, bounded answers from a stalled store.

Each test runs its own embedded server in its own data dir behind its own app (never the session's
shared server). Figures are printed (``pytest -s``) as measured: recovery after ``kill -9`` with only
GraphQL traffic, time to STORE_UNAVAILABLE from a paused store, lost acknowledged writes.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.auth.tokens import create_token
from service.domain.actor import Role
from service.settings import Settings
from service.storage.embedded import DataDirBusy, EmbeddedServer, _start, open_embedded, owner_pid
from service.storage.runtime import StoreRuntime, open_store
from tests.conftest import LiveServer

CREATE = "mutation($i: AgencyInput!) { createAgency(input: $i) { id code nameFa version } }"
READ_ALL = "{ agencies(first: 100) { totalCount nodes { id code nameFa kind level version } } }"


def servers_on(root: Path) -> list[int]:
    """Pids of every redis-server process working in ``root`` (redis chdirs to its ``--dir`` and
    rewrites its command line, so the working directory is what tells)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.readlink(entry / "exe").endswith("redis-server") and os.readlink(entry / "cwd") == str(root):
                found.append(int(entry.name))
        except OSError:
            continue
    return sorted(found)


class App:
    """A live app on its own embedded store, a directorate token, and GraphQL over HTTP."""

    def __init__(self, tmp_path: Path, appendfsync: str = "always") -> None:
        self.settings = Settings(env="test", data_dir=tmp_path, graph_name="supervised", appendfsync=appendfsync)

    def __enter__(self) -> App:  # App is final
        self.live = LiveServer(self.settings).__enter__()
        self.client = httpx.Client(base_url=self.live.url, timeout=30)
        self.token = asyncio.run(self._token())
        return self

    async def _token(self) -> str:
        runtime = await open_store(self.settings)  # attaches to the app's server
        try:
            return (await create_token(runtime.store, Role.DIRECTORATE, None, "supervision"))[0]
        finally:
            await runtime.close()

    def __exit__(self, *_: object) -> None:
        self.client.close()
        self.live.__exit__()

    @property
    def runtime(self) -> StoreRuntime:
        return self.live.app.state.runtime  # type: ignore[no-any-return]

    @property
    def server(self) -> EmbeddedServer:
        assert self.runtime.server is not None
        return self.runtime.server

    def post(self, query: str, **variables: Any) -> httpx.Response:
        return self.client.post("/graphql", json={"query": query, "variables": variables},
                                headers={"Authorization": f"Bearer {self.token}"})  # fmt: skip

    def create(self, code: str) -> httpx.Response:
        return self.post(CREATE, i={"code": code, "nameFa": f"نهاد {code}", "kind": "NGO", "level": "EXTERNAL"})

    def agencies(self) -> list[dict[str, Any]]:
        response = self.post(READ_ALL)
        assert response.status_code == 200, response.text
        return response.json()["data"]["agencies"]["nodes"]  # type: ignore[no-any-return]


@pytest.fixture()
def app(tmp_path: Path) -> Iterator[App]:
    with App(tmp_path) as running:
        yield running
    assert servers_on(running.server.root) == []  # the app stopped the server it started


@pytest.fixture(params=["always", "everysec"])
def app_fsync(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[App]:
    with App(tmp_path, request.param) as running:
        yield running
    assert servers_on(running.server.root) == []


def test_kill_9_heals_on_graphql_traffic_alone_with_one_restart_and_no_lost_write(app_fsync: App) -> None:
    """Only GraphQL requests after ``kill -9``: no /readyz. Eight clients hammer the dead store;
    one supervised restart revives it; every acknowledged write is still there (both fsync modes:
    a killed process leaves its written pages to the kernel)."""
    app = app_fsync
    acknowledged: list[str] = []
    for n in range(5):
        assert app.create(f"PRE-{n}").status_code == 200
        acknowledged.append(f"PRE-{n}")
    old = app.server.pid
    stop = threading.Event()
    lock = threading.Lock()
    statuses: list[int] = []

    def writer(worker: int) -> None:
        n = 0
        with httpx.Client(base_url=app.live.url, timeout=30) as client:
            while not stop.is_set():
                code = f"W{worker}-{n}"
                answer = client.post("/graphql", headers={"Authorization": f"Bearer {app.token}"}, json={
                    "query": CREATE, "variables": {"i": {"code": code, "nameFa": "ن", "kind": "NGO", "level": "EXTERNAL"}}})  # fmt: skip
                with lock:
                    statuses.append(answer.status_code)
                    if answer.status_code == 200 and not answer.json().get("errors"):
                        acknowledged.append(code)
                n += 1

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(8)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    killed = time.monotonic()
    os.kill(old, signal.SIGKILL)
    recovered = None
    while time.monotonic() - killed < 30:
        time.sleep(0.05)
        with lock:
            recent = statuses[-8:]
        if app.server.pid != old and recent and all(s == 200 for s in recent):
            recovered = time.monotonic() - killed
            break
    time.sleep(0.5)
    stop.set()
    for t in threads:
        t.join(timeout=30)
    failed = sum(1 for s in statuses if s != 200)
    print(f"\n[appendfsync {app.settings.appendfsync}] kill -9 -> GraphQL answers again after {recovered} s (no /readyz); {len(statuses)} requests, "
          f"{failed} answered 503 meanwhile; restarts: {app.runtime.restarts}")  # fmt: skip
    assert recovered is not None and recovered < 10
    assert set(statuses) <= {200, 503}
    assert app.runtime.restarts == 1  # single flight: one restart however many requests met the dead store
    assert servers_on(app.server.root) == [app.server.pid]
    stored = asyncio.run(_agencies(app.settings))
    lost = [c for c in acknowledged if c not in stored]
    print(f"acknowledged writes: {len(acknowledged)}, lost after kill -9 and restart: {len(lost)}")
    assert lost == []


async def _agencies(settings: Settings) -> dict[str, dict[str, Any]]:
    """Every stored agency by code, each checked whole (a hollow node holding only its id fails)."""
    runtime = await open_store(settings)
    try:
        nodes = [r["props"] for r in await runtime.store.read("backup/nodes") if "Agency" in r["labels"]]
    finally:
        await runtime.close()
    assert all(n.get("code") and n.get("nameFa") and n.get("version") == 1 for n in nodes), nodes
    return {n["code"]: n for n in nodes}


def test_a_paused_store_answers_store_unavailable_within_the_bound_and_is_never_doubled(app: App) -> None:
    """SIGSTOP: requests and /readyz answer 503 within about stall + 1 s (was ~60 s); no second
    server is started on the paused one's data dir; after SIGCONT everything is there, whole."""
    for n in range(3):
        assert app.create(f"KEEP-{n}").status_code == 200
    before = app.agencies()
    pid = app.server.pid
    os.kill(pid, signal.SIGSTOP)
    try:
        timings = []
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            started = time.monotonic()
            answer = app.post(READ_ALL)
            timings.append(time.monotonic() - started)
            assert answer.status_code == 503, answer.text
            assert answer.json()["errors"][0]["extensions"]["code"] == "STORE_UNAVAILABLE"
            ready = app.client.get("/readyz")
            assert ready.status_code == 503
            assert servers_on(app.server.root) == [pid]
        print(f"\npaused store: STORE_UNAVAILABLE after {', '.join(f'{t:.2f}' for t in timings)} s "
              f"(store_stall_s={app.settings.store_stall_s})")  # fmt: skip
        assert max(timings) < app.settings.store_stall_s + 3
        assert owner_pid(app.server.root) == pid  # the paused server still owns its dir
    finally:
        os.kill(pid, signal.SIGCONT)
    assert servers_on(app.server.root) == [pid]
    assert app.runtime.restarts == 0 and app.server.pid == pid
    assert app.client.get("/readyz").status_code == 200
    assert app.agencies() == before  # nothing lost, nothing hollow
    assert app.create("AFTER").status_code == 200
    assert all(a["code"] and a["nameFa"] and a["version"] == 1 for a in app.agencies())


def test_a_second_owner_is_refused_in_persian_and_english(tmp_path: Path) -> None:
    server = open_embedded(tmp_path)
    try:
        with pytest.raises(DataDirBusy) as busy:
            _start(server.root, "everysec")
        assert str(server.pid) in busy.value.message_en and "second store" in busy.value.message_en
        assert "پایگاه دادهٔ دوم" in busy.value.message_fa
        (server.root / "server.json").unlink()  # an owner we cannot attach to: refused, not doubled
        with pytest.raises(DataDirBusy):
            open_embedded(tmp_path)
        import subprocess
        import sys

        env = {**os.environ, "HAMAHANG_DATA_DIR": str(tmp_path), "HAMAHANG_ENV": "test"}
        cli = subprocess.run([sys.executable, "-m", "service", "token", "list"], env=env, capture_output=True, check=False,
                             text=True, timeout=120)  # fmt: skip
        assert cli.returncode == 2 and "Traceback" not in cli.stderr
        assert "STORE_UNAVAILABLE: the data dir" in cli.stderr and "پایگاه دادهٔ دوم" in cli.stderr
        assert servers_on(server.root) == [server.pid]
    finally:
        server.stop()
    assert servers_on(server.root) == []


def test_a_paused_server_is_attached_to_not_replaced(tmp_path: Path) -> None:
    """The old judgement (no PING answer within 5 s = dead) started a second server beside a paused one."""
    server = open_embedded(tmp_path)
    os.kill(server.pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        other = open_embedded(tmp_path)
        assert other.pid == server.pid and not other.owned
        assert time.monotonic() - started < 3
        assert servers_on(server.root) == [server.pid]
    finally:
        os.kill(server.pid, signal.SIGCONT)
        server.stop()


def test_store_files_and_backups_are_private(tmp_path: Path) -> None:
    """The AOF, the RDB and a backup hold token hashes: 0600 files in a 0700 data dir (they were 0644),
    also for a data dir made by an older version."""
    import stat
    import subprocess
    import sys

    old = tmp_path / "falkordb" / "appendonlydir"
    old.mkdir(parents=True, mode=0o755)
    (old / "left-by-an-older-version.aof").write_text("")
    (old / "left-by-an-older-version.aof").chmod(0o644)
    tmp_path.chmod(0o755)
    backup = tmp_path.parent / f"{tmp_path.name}-backup.jsonl"
    backup.write_text("an older, world-readable backup\n")
    backup.chmod(0o644)
    env = {**os.environ, "HAMAHANG_DATA_DIR": str(tmp_path), "HAMAHANG_GRAPH_NAME": "private", "HAMAHANG_ENV": "test"}
    for argv in (["token", "create", "--role", "directorate"], ["backup", "--output", str(backup)]):
        subprocess.run([sys.executable, "-m", "service", *argv], env=env, check=True, capture_output=True, timeout=120)

    def mode(path: Path) -> int:
        return stat.S_IMODE(path.stat().st_mode)

    assert mode(backup) == 0o600 and "ApiToken" in backup.read_text()
    assert mode(tmp_path) == 0o700 and mode(tmp_path / "falkordb") == 0o700
    files = [p for p in (tmp_path / "falkordb").rglob("*") if p.is_file()]
    assert any(p.name.endswith(".incr.aof") for p in files) and any(p.name.endswith(".rdb") for p in files)
    assert {str(p.relative_to(tmp_path)): oct(mode(p)) for p in files} == {
        str(p.relative_to(tmp_path)): oct(0o600) for p in files}  # fmt: skip
    assert all(mode(p) == 0o700 for p in (tmp_path / "falkordb").rglob("*") if p.is_dir())


async def test_a_busy_store_is_not_taken_for_a_stalled_one(tmp_path: Path) -> None:
    """A statement that outlasts the stall bound on a server that answers PING runs to its end."""
    from service.storage.falkor import FalkorStore
    from service.storage.queries import QueryLibrary

    server = open_embedded(tmp_path)
    slow = "UNWIND range(1, 4000000) AS i WITH i WHERE i % 7 = 0 RETURN count(i) AS c"
    library = QueryLibrary(root=tmp_path, texts={"slow": slow, "make": "CREATE (:Seed) RETURN 1 AS ok"})
    store = FalkorStore.connect(queries=library, graph="busy", unix_socket=server.socket, stall_s=0.1, timeout_s=60)
    try:
        await store.write("make")
        started = time.monotonic()
        assert await store.read("slow") == [{"c": 4000000 // 7}]
        took = time.monotonic() - started
        print(f"\na {took:.2f} s read with a 0.1 s stall bound ran to its end")
        assert took > 0.2  # it outlasted the bound at least twice (0.40 s on a quiet machine, more under load)
    finally:
        await store.close()
        server.stop()


def test_a_lock_left_by_an_orphan_of_a_dead_server_is_waited_for_then_the_store_starts(tmp_path: Path) -> None:
    """Alive means pid and lock. A dead server's forked child (an AOF rewrite) can hold the lock a
    moment after its parent died: the opener waits for it, then starts one server, not two."""
    import json
    import subprocess
    import sys

    root = tmp_path / "falkordb"
    root.mkdir()
    gone = subprocess.Popen(["true"])
    gone.wait()
    (root / "server.json").write_text(json.dumps({"pid": gone.pid, "socket": str(root / "redis.sock"), "port": None}))
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, os, sys, time\n"
        f"fd = os.open({str(root / 'owner.lock')!r}, os.O_RDWR | os.O_CREAT)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\nprint('held', flush=True)\ntime.sleep(1.5)\n")], stdout=subprocess.PIPE)  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
    started = time.monotonic()
    server = open_embedded(tmp_path)
    try:
        waited = time.monotonic() - started
        assert server.owned and server.pid != gone.pid and server.running()
        assert holder.poll() is not None and waited > 0.5  # it started only once the orphan let go
        assert servers_on(server.root) == [server.pid]
    finally:
        server.stop()
        holder.wait()


def test_a_store_that_will_not_start_is_not_spawned_per_request(app: App) -> None:
    """kill -9, then a broken AOF manifest: every request answers 503 at once, and revivals are
    tried at most about once a second, not once per request."""
    manifest = app.server.root / "appendonlydir" / "appendonly.aof.manifest"
    os.kill(app.server.pid, signal.SIGKILL)
    time.sleep(0.2)
    manifest.write_text("this is not a manifest\n")
    log = app.server.root / "server.log"
    starts_before = log.read_text(errors="replace").count("Redis is starting")
    answers, slowest = 0, 0.0
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        started = time.monotonic()
        assert app.post(READ_ALL).status_code == 503
        slowest = max(slowest, time.monotonic() - started)
        answers += 1
    attempts = log.read_text(errors="replace").count("Redis is starting") - starts_before
    print(f"\n{answers} requests in 3 s against a store that will not start: {attempts} start attempts, slowest {slowest:.2f} s")
    assert answers > 20 and 1 <= attempts <= 5 and slowest < 2
    assert app.runtime.restarts == 0
