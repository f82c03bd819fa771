"""Portal fixtures: the live app with the portal mounted, agency sign-ins over plain HTTP, and a
headless Debian Chromium (Playwright) that may reach nothing but the app on 127.0.0.1.

Playwright's sync API leaves an asyncio loop marked as running on the test thread while the
browser is open, so the store work the shared fixtures do with ``asyncio.run`` (wiping, loading
the demo, making tokens) runs on a worker thread here (``off_loop``), and the browser lives for
one module only, so later test modules find the thread clean.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlparse

import httpx
import pytest

from service.portal.router import router as portal_router
from service.settings import Settings
from tests.conftest import KEEPALIVE, GraphQL, LiveServer, _reset, make_token

T = TypeVar("T")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]  # fmt: skip
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def mount_portal(live: LiveServer) -> None:
    """Mount the router on the test app unless service/app.py already does (idempotent)."""
    if not any(getattr(r, "path", "").startswith("/portal") for r in live.app.routes):
        live.app.include_router(portal_router)


def off_loop(work: Callable[..., T], *args: Any) -> T:
    """Run ``work`` on a fresh thread, where ``asyncio.run`` works even while a browser is open."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work, *args).result()


def agency_token(settings: Settings, agency_id: str) -> str:
    return off_loop(make_token, settings, "agency", agency_id)


@pytest.fixture()
def portal(settings: Settings, http: httpx.Client, live: LiveServer) -> GraphQL:
    """The Mashhad demo behind the live app (as the shared ``demo`` fixture), portal mounted."""
    token = off_loop(_reset, settings, True)
    mount_portal(live)
    return GraphQL(http, token, settings)


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def sign_in(base_url: str, token: str) -> httpx.Client:
    """A cookie-keeping HTTP client signed in to the portal with ``token``."""
    client = httpx.Client(base_url=base_url, timeout=30, limits=KEEPALIVE)
    page = client.get("/portal/login")
    response = client.post("/portal/login", data={"token": token, "csrf": csrf_of(page.text)})
    assert response.status_code == 303, response.text
    return client


@pytest.fixture()
def agency_client(portal: GraphQL, live: LiveServer) -> Iterator[Any]:
    """``agency_client("ag-parks")``: a signed-in client for a fresh token of that agency."""
    clients: list[httpx.Client] = []

    def make(agency_id: str) -> httpx.Client:
        assert portal.settings is not None
        client = sign_in(live.url, agency_token(portal.settings, agency_id))
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium (make installs it for CI)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Offline:
    """Every request a page makes: 127.0.0.1 goes through, anything else is aborted and kept."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.blocked: list[str] = []

    def __call__(self, route: Any) -> None:
        url = route.request.url
        self.seen.append(url)
        if urlparse(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


@pytest.fixture()
def offline() -> Offline:
    return Offline()


@pytest.fixture()
def new_page(browser: Any, offline: Offline) -> Iterator[Any]:
    """``new_page()``: a page in its own browser context (its own cookies), routed through ``offline``."""
    contexts: list[Any] = []

    def make() -> Any:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fa-IR")
        context.route("**/*", offline)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
    assert not offline.blocked, f"pages tried to reach outside 127.0.0.1: {offline.blocked}"
