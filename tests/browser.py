"""Headless Debian Chromium for page tests, with every request off this machine blocked and recorded."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]  # fmt: skip
needs_chromium = pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium missing: `make test` installs it")


@dataclass
class Traffic:
    blocked: list[str] = field(default_factory=list)
    local: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions


@contextmanager
def browser_page(base_url: str, token: str | None = None, width: int = 1400, height: int = 1000) -> Iterator[tuple[object, Traffic]]:
    """A page whose requests to anything but 127.0.0.1 are aborted (and listed in ``traffic.blocked``);
    console errors and uncaught exceptions are listed in ``traffic.errors``."""
    from playwright.sync_api import sync_playwright

    traffic = Traffic()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        context = browser.new_context(viewport={"width": width, "height": height}, locale="fa-IR")

        def route(r):  # type: ignore[no-untyped-def]
            host = urlsplit(r.request.url).hostname
            if r.request.url.startswith(("data:", "blob:", "about:")) or host in ("127.0.0.1", "localhost"):
                traffic.local.append(r.request.url)
                r.continue_()
            else:
                traffic.blocked.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda m: traffic.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: traffic.errors.append(str(e)))
        if token:  # sign in the way a person does
            page.goto(base_url + "/signin")
            page.fill("input[name=token]", token)
            page.click("button[type=submit]")
            page.wait_for_url(base_url + "/")
        try:
            yield page, traffic
        finally:
            context.close()
            browser.close()
