"""The Mashhad demo: loaded by the app when the store is empty, and by `python -m service demo`."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import Future
from pathlib import Path

import httpx
import pytest
import redis

from service.demo.agree import demo_agreements
from service.demo.loader import demo_bundle
from service.early_start import EarlyStart
from service.forked import fork_into
from service.settings import Settings
from service.storage.embedded import EmbeddedServer, open_embedded, owner_pid
from tests.conftest import GraphQL, LiveServer, free_port


def test_app_loads_the_demo_into_an_empty_store_once(tmp_path: Path) -> None:
    settings = Settings(env="development", data_dir=tmp_path, load_demo=True, graph_name="demo_once")
    with LiveServer(settings) as live, httpx.Client(base_url=live.url) as client:
        token = (tmp_path / "development-token.txt").read_text().strip()  # made once, in development only
        gql = GraphQL(client, token)
        total = gql.ok("{ agencies { totalCount } }")["agencies"]["totalCount"]
        assert total > 40
        gql.ok('mutation { createAgency(input: {code: "NEW", nameFa: "تازه", kind: NGO, level: EXTERNAL}) { id } }')
    (tmp_path / "development-token.txt").unlink()
    with LiveServer(settings) as live, httpx.Client(base_url=live.url) as client:  # second start: nothing reloaded
        assert GraphQL(client, token).ok("{ agencies { totalCount } }")["agencies"]["totalCount"] == total + 1
    assert not (tmp_path / "development-token.txt").exists()  # a token existed, so none was made


def test_cli_loads_the_demo(tmp_path: Path) -> None:
    env = {**os.environ, "HAMAHANG_DATA_DIR": str(tmp_path), "HAMAHANG_GRAPH_NAME": "cli"}
    run = [sys.executable, "-m", "service", "demo"]
    first = subprocess.run(run, env=env, capture_output=True, text=True, timeout=120, check=True)
    assert "demo loaded" in first.stdout
    second = subprocess.run(run, env=env, capture_output=True, text=True, timeout=120, check=True)
    assert "nothing loaded" in second.stdout
    out = tmp_path / "registry.xlsx"
    subprocess.run([sys.executable, "-m", "service", "export", "--format", "xlsx", "-o", str(out)],
                   env=env, capture_output=True, text=True, timeout=120, check=True)  # fmt: skip
    assert out.stat().st_size > 10_000


def test_demo_has_what_the_seeds_describe(demo: GraphQL) -> None:
    groups = demo.ok("{ workingGroups(first: 20) { nodes { nameFa members { role agency { code } } } } }")
    names = [g["nameFa"] for g in groups["workingGroups"]["nodes"]]
    assert len(names) >= 4
    supervisors = [m for g in groups["workingGroups"]["nodes"] for m in g["members"] if m["role"] == "SUPERVISOR"]
    assert supervisors
    stakeholders = demo.ok("{ agencies(filter: {kind: STAKEHOLDER_GROUP}) { totalCount } stakeholders { totalCount } }")
    assert stakeholders["agencies"]["totalCount"] == 0 and stakeholders["stakeholders"]["totalCount"] == 6  # their own kind (#19.3)
    districts = demo.ok("{ agencies(filter: {kind: DISTRICT}) { totalCount } }")
    assert districts["agencies"]["totalCount"] == 14  # D1..D13 and Samen, the shrine district
    overdue = demo.ok("{ requests(filter: {overdue: true}) { totalCount nodes { overdue } } }")["requests"]
    assert overdue["totalCount"] > 0 and all(n["overdue"] for n in overdue["nodes"])
    green = demo.ok('{ duties(filter: {q: "فضای سبز"}, first: 50) { nodes { id } } }')["duties"]["nodes"]
    assert {"du-d9-green", "du-parks-green"} <= {d["id"] for d in green}  # one of them is spelled with Arabic ي


def _serve(data_dir: Path, port: int) -> subprocess.Popen[str]:
    env = {**os.environ, "HAMAHANG_DATA_DIR": str(data_dir), "HAMAHANG_PORT": str(port), "HAMAHANG_LOAD_DEMO": "true",
           "HAMAHANG_ENV": "development", "HAMAHANG_GRAPH_NAME": "first_start", "HAMAHANG_PORTAL_SECRET": "s" * 40}  # fmt: skip
    return subprocess.Popen([sys.executable, "-m", "service", "serve"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip


def _until_ready(server: subprocess.Popen[str], url: str) -> None:
    deadline = time.monotonic() + 90
    while True:
        assert server.poll() is None, server.stderr.read() if server.stderr else ""
        try:
            if httpx.get(url + "/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline, "not ready"
        time.sleep(0.05)


def _counts(url: str, token: str) -> dict[str, int]:
    with httpx.Client(base_url=url, timeout=30) as client:
        data = GraphQL(client, token).ok("{ agencies { totalCount } agreements { totalCount } stakeholders { totalCount } }")
    return {name: data[name]["totalCount"] for name in data}


def test_serve_loads_a_first_starts_demo_in_a_child_while_it_imports(tmp_path: Path) -> None:
    """A first start forks a child that loads the demo into the store ``serve`` started, beside the
    app's imports: the whole demo once, the store stopped at the end; a restart forks none."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = _serve(tmp_path, port)
    try:
        _until_ready(server, url)
        token = (tmp_path / "development-token.txt").read_text().strip()
        first = _counts(url, token)
        store_pid = json.loads((tmp_path / "falkordb" / "server.json").read_text())["pid"]
    finally:
        server.terminate()
        _, log = server.communicate(timeout=30)
    assert server.returncode == -signal.SIGTERM, log[-2000:]  # uvicorn raises the signal again once shut down
    # every loader ran: the bundle's agencies (and those a later loader adds), the agreements, the stakeholders last
    assert first["agencies"] >= len(demo_bundle()["agencies"])
    assert (first["agreements"], first["stakeholders"]) == (len(demo_agreements()), 6)
    assert log.count("demo registry loaded") == 1 and f"attached to the embedded store (pid {store_pid})" in log
    assert not (tmp_path / "falkordb" / "server.json").exists() and owner_pid(tmp_path / "falkordb") is None

    server = _serve(tmp_path, port)  # a restart: the demo is there, nothing forked, nothing loaded again
    try:
        _until_ready(server, url)
        assert _counts(url, token) == first
    finally:
        server.terminate()
        _, log = server.communicate(timeout=30)
    assert server.returncode == -signal.SIGTERM and "attached to the embedded store" not in log and "demo registry loaded" not in log


def test_a_first_start_whose_child_failed_loads_the_demo_itself(tmp_path: Path) -> None:
    """The child failing costs time, never the demo: the lifespan loads it, and stops the store."""

    def fail(_: object) -> None:
        raise RuntimeError("the child's load failed")

    settings = Settings(env="development", data_dir=tmp_path, load_demo=True, graph_name="first_failed")
    server: Future[EmbeddedServer] = Future()
    server.set_result(open_embedded(tmp_path))
    early = EarlyStart(server, fork_into(fail))
    assert early.demo is not None
    with LiveServer(settings, early) as live:
        token = (tmp_path / "development-token.txt").read_text().strip()
        counts = _counts(live.url, token)
        assert counts["agencies"] >= len(demo_bundle()["agencies"])
        assert (counts["agreements"], counts["stakeholders"]) == (len(demo_agreements()), 6)
        assert early.demo is None  # waited for and reaped before the store was opened
    assert not server.result().owned and owner_pid(tmp_path / "falkordb") is None  # the lifespan stopped it


def _line(server: subprocess.Popen[str], text: str, timeout_s: float = 60.0) -> list[str]:
    """The server's stderr up to the first line holding ``text`` (fails past ``timeout_s``)."""
    assert server.stderr is not None
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert server.stderr is not None
        for line in server.stderr:
            lines.put(line)
            if text in line:
                return
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    seen: list[str] = []
    deadline = time.monotonic() + timeout_s
    while True:
        line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        assert line is not None, "the server ended first:\n" + "".join(seen)
        seen.append(line)
        if text in line:
            return seen


def _stopped_whole(tmp_path: Path, server: subprocess.Popen[str], store_pid: int | None, seen: str) -> None:
    """Ended by the SIGTERM, its store stopped, and the demo in the store whole or not begun."""
    _, rest = server.communicate(timeout=60)
    assert server.returncode == -signal.SIGTERM, seen + rest
    assert owner_pid(tmp_path / "falkordb") is None and not (tmp_path / "falkordb" / "server.json").exists(), seen + rest
    if store_pid is not None:
        with pytest.raises(ProcessLookupError):
            os.kill(store_pid, 0)
    if not (tmp_path / "falkordb").exists():
        return  # stopped before the store was started
    store = open_embedded(tmp_path)
    try:
        client = store.client(30)
        count = {label: client.execute_command("GRAPH.RO_QUERY", "first_start", f"MATCH (n:{label}) RETURN count(n)")[1][0][0]
                 for label in ("Agency", "Agreement", "Stakeholder")}  # fmt: skip
    except redis.ResponseError:  # no graph: nothing was written
        count = {"Agency": 0}
    finally:
        store.stop()
    assert count["Agency"] == 0 or (count["Agreement"], count["Stakeholder"]) == (len(demo_agreements()), 6), count


@pytest.mark.parametrize("first", [True, False], ids=["first start", "restart"])
def test_a_start_stopped_while_it_imports_leaves_no_store_running(tmp_path: Path, first: bool) -> None:
    """SIGTERM once the store answers (the app is still importing then, about 1 s more): the store
    ``serve`` started is stopped, not left running on its own, and the process ends by SIGTERM. A first
    start's child has attached to it by then, and its demo is loaded whole before the store stops; a
    restart's store starts in a thread."""
    if not first:
        open_embedded(tmp_path).stop()  # a registry on disk: a restart
    server = _serve(tmp_path, free_port())
    seen = _line(server, ("attached to" if first else "started") + " the embedded store")
    store_pid = json.loads((tmp_path / "falkordb" / "server.json").read_text())["pid"]
    server.terminate()
    _stopped_whole(tmp_path, server, store_pid, "".join(seen))


@pytest.mark.parametrize("after_s", [0.2, 0.5, 0.8, 1.2])
def test_a_first_start_stopped_at_any_moment_leaves_no_store_and_no_half_demo(tmp_path: Path, after_s: float) -> None:
    """SIGTERM at moments spread over a first start (before the store, while it starts, while the
    demo loads beside the imports): whichever it meets, no store is left running and the demo is
    whole or absent (a start loads it only into an empty registry, so half a demo would stay half)."""
    server = _serve(tmp_path, free_port())
    time.sleep(after_s)
    server.terminate()
    _stopped_whole(tmp_path, server, None, f"SIGTERM after {after_s} s\n")


def test_a_first_start_whose_store_cannot_start_ends_at_once(tmp_path: Path) -> None:
    """The data dir is a file: the store cannot start, and serve ends with the reason, not after
    waiting for a store that will never be there to stop it."""
    where = tmp_path / "not-a-dir"
    where.write_text("")
    env = {**os.environ, "HAMAHANG_DATA_DIR": str(where), "HAMAHANG_LOAD_DEMO": "true", "HAMAHANG_ENV": "development"}
    done = subprocess.run([sys.executable, "-m", "service", "serve"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "not-a-dir" in done.stderr, done.stderr[-2000:]
