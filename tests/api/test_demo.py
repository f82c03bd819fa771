"""The Mashhad demo: loaded by the app when the store is empty, and by `python -m service demo`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import Future
from pathlib import Path

import httpx
import pytest

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


@pytest.mark.parametrize("first", [True, False], ids=["first start", "restart"])
def test_a_start_stopped_while_it_imports_leaves_no_store_running(tmp_path: Path, first: bool) -> None:
    """SIGTERM once the store answers (the app is still importing then, about 1 s more): the store
    ``serve`` started is stopped, not left running on its own. A first start's child attaches to it;
    a restart's store starts in a thread."""
    if not first:
        open_embedded(tmp_path).stop()  # a registry on disk: a restart
    server = _serve(tmp_path, free_port())
    assert server.stderr is not None
    seen = []
    for line in server.stderr:
        seen.append(line)
        if ("attached to" if first else "started") + " the embedded store" in line:
            break
    store_pid = json.loads((tmp_path / "falkordb" / "server.json").read_text())["pid"]
    server.terminate()
    _, rest = server.communicate(timeout=30)
    assert server.returncode == -signal.SIGTERM, "".join(seen) + rest
    assert owner_pid(tmp_path / "falkordb") is None and not (tmp_path / "falkordb" / "server.json").exists()
    with pytest.raises(ProcessLookupError):
        os.kill(store_pid, 0)
