"""GraphiQL (/graphql) and Swagger UI (/docs) work with every request off this machine blocked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.api.ide import missing
from tests.browser import browser_page, needs_chromium
from tests.conftest import GraphQL


def test_vendored_assets_are_installed() -> None:
    assert missing() == [], "run `make vendor` (make run and make test do): GraphiQL and /docs need these files"


def test_pages_reference_only_this_service(demo: GraphQL) -> None:
    for path in ("/graphql", "/docs"):
        page = demo.client.get(path, headers={"accept": "text/html"})
        assert page.status_code == 200, path
        assert "unpkg.com" not in page.text and "jsdelivr" not in page.text and "/static/vendor/" in page.text, path
    for name in ("graphiql.min.js", "react.production.min.js", "swagger-ui-bundle.js"):
        assert demo.client.get(f"/static/vendor/{name}").status_code == 200


@needs_chromium
def test_graphiql_renders_and_runs_a_query_offline(demo: GraphQL, tmp_path: Path) -> None:
    if missing():
        pytest.fail("run `make vendor`")
    with browser_page(str(demo.client.base_url)) as (page, traffic):
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        headers = json.dumps({"Authorization": f"Bearer {demo.token}"})
        page.add_init_script(f"localStorage.setItem('graphiql:headers', {headers!r});")
        page.goto(str(demo.client.base_url) + "/graphql")
        page.wait_for_selector(".graphiql-container .CodeMirror", timeout=30_000)
        assert "Loading" not in page.locator("#graphiql").inner_text()[:40]
        page.click(".graphiql-execute-button")
        page.wait_for_function("() => document.querySelector('.result-window')?.innerText.includes('totalCount')", timeout=30_000)
        shot = tmp_path / "graphiql.png"
        page.screenshot(path=str(shot))
        print(f"screenshot: {shot}")
        assert '"nameFa"' in page.locator(".result-window").inner_text()
        assert traffic.blocked == [], traffic.blocked
        assert errors == [], errors


@needs_chromium
def test_swagger_renders_offline(demo: GraphQL, tmp_path: Path) -> None:
    with browser_page(str(demo.client.base_url)) as (page, traffic):
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(str(demo.client.base_url) + "/docs")
        page.wait_for_selector(".swagger-ui .info .title", timeout=30_000)
        assert "Hamahang" in page.locator(".swagger-ui .info .title").inner_text()
        assert page.locator(".opblock").count() > 5
        shot = tmp_path / "docs.png"
        page.screenshot(path=str(shot))
        print(f"screenshot: {shot}")
        assert traffic.blocked == [], traffic.blocked
        assert errors == [], errors
