"""Graph pages and heatmaps in headless Chromium, offline: drawn, complete, right to left."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from service.text.persian import to_persian_digits
from tests.browser import browser_page, needs_chromium
from tests.conftest import GraphQL

STABLE = "() => window.hamahangStable === true"
DRAWN = """() => { const n = window.hamahangNetwork; const ids = n.body.data.nodes.getIds();
  const pos = n.getPositions(ids); const canvas = document.querySelector('#mynetwork canvas');
  return {nodes: ids.length, edges: n.body.data.edges.getIds().length, placed: Object.keys(pos).length,
          canvas: canvas ? canvas.width * canvas.height : 0, physics: n.physics.options.enabled,
          font: document.fonts.check('16px Vazirmatn'), info: document.getElementById('hh-counts').textContent,
          direction: getComputedStyle(document.body).direction, ids: ids}; }"""


def _open(demo: GraphQL, path: str, shot: Path) -> dict:
    with browser_page(str(demo.client.base_url), demo.token) as (page, traffic):
        response = page.goto(str(demo.client.base_url) + path)
        assert response is not None and response.status == 200
        page.wait_for_function(STABLE, timeout=60_000)
        state = page.evaluate(DRAWN)
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000
        assert traffic.blocked == [], traffic.blocked  # nothing tried to leave the machine
        return state


@needs_chromium
def test_whole_registry_page(demo: GraphQL, tmp_path: Path) -> None:
    counts = demo.ok("{ agencies { totalCount } duties { totalCount } }")
    state = _open(demo, "/graph", tmp_path / "graph.png")
    assert state["placed"] == state["nodes"] >= counts["agencies"]["totalCount"] + counts["duties"]["totalCount"]
    assert state["edges"] > state["nodes"] and state["canvas"] > 0
    assert state["physics"] is False and state["font"] is True and state["direction"] == "rtl"
    assert f"{to_persian_digits(str(state['nodes']))} گره" in state["info"]


@needs_chromium
def test_filtered_and_agency_pages(demo: GraphQL, tmp_path: Path) -> None:
    water = _open(demo, "/graph?function=06.3", tmp_path / "water.png")
    assert "ag-abfa" in water["ids"] and "du-parks-green" not in water["ids"]
    parks = _open(demo, "/graph/agency/ag-parks?hops=1", tmp_path / "parks.png")
    assert "ag-parks" in parks["ids"] and "du-parks-green" in parks["ids"] and "ag-police" not in parks["ids"]
    assert 10 < parks["nodes"] < water["nodes"] + 200


@needs_chromium
def test_overlays(demo: GraphQL, tmp_path: Path) -> None:
    dup = _open(demo, "/graph/overlay/duplication", tmp_path / "dup.png")
    assert {"du-d9-green", "du-parks-green", "du-traffic-cameras", "du-police-cameras"} <= set(dup["ids"])
    win = _open(demo, "/graph/overlay/winwin", tmp_path / "winwin.png")
    assert {"ag-gas", "ag-abfa", "ag-d11", "ag-fum-water", "ag-regwater"} <= set(win["ids"])  # the chosen cycle and pair
    assert {"ag-ict", "ag-parks"} <= set(win["ids"])  # in place: fibre ducts, effluent for the parks (dashed)


@needs_chromium
def test_heatmap_page_shows_evidence_on_hover(demo: GraphQL, tmp_path: Path) -> None:
    with browser_page(str(demo.client.base_url), demo.token) as (page, traffic):
        page.goto(str(demo.client.base_url) + "/matrix/duplication")
        page.wait_for_function("() => document.fonts.check('16px Vazirmatn')")
        cells = page.locator("rect.cell")
        assert cells.count() >= 6  # three planted pairs, both ways
        cell = page.locator('rect.cell[data-row="ag-d9"][data-col="ag-parks"]')
        cell.hover()
        assert "دوباره‌کاری" in page.locator("#detail").text_content()  # Persian evidence (tests/pictures/test_explorer.py)
        page.screenshot(path=str(tmp_path / "heatmap.png"))
        assert traffic.blocked == []


def test_heatmap_downloads(demo: GraphQL) -> None:
    svg = demo.get("/matrix/winwin.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml") and 'data-row="ag-gas"' in svg.text  # the new HDD match
    assert "@font-face" in svg.text and "http" not in svg.text.split("<svg", 1)[1].replace("http://www.w3.org", "")
    png = demo.get("/matrix/followup.png")
    assert png.headers["content-type"] == "image/png" and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert demo.get("/matrix/nothing").status_code == 404


def test_pages_need_the_directorate_or_an_analyst(demo: GraphQL) -> None:
    assert demo.client.get("/graph").status_code == 401  # an API client without a token gets JSON
    parks = demo.as_role("agency", "ag-parks")
    assert parks.get("/graph").status_code == 403
    assert demo.as_role("analyst").get("/graph/agency/ag-parks").status_code == 200
    assert demo.get("/graph/agency/ag-nowhere").status_code == 404


@pytest.mark.parametrize("path", ["/graph", "/graph/overlay/winwin", "/matrix/duplication"])
def test_pages_reference_nothing_outside(demo: GraphQL, path: str) -> None:
    page = demo.get(path).text
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", page), "an external reference"
    assert "../node_modules" not in page and "@import" not in page


def test_signin_for_pages(demo: GraphQL) -> None:
    bad = demo.client.post("/signin", data={"token": "hmh_wrong"})
    assert bad.status_code == 401 and "نامعتبر" in bad.text
    agency = demo.as_role("agency", "ag-parks")
    refused = demo.client.post("/signin", data={"token": agency.token})
    assert refused.status_code == 403 and "/portal" in refused.text
    ok = demo.client.post("/signin", data={"token": demo.token}, follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"] == "/"
    cookie = ok.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower() and demo.token not in cookie
    with type(demo.client)(base_url=demo.client.base_url, cookies={"hmh_viewer": ok.cookies["hmh_viewer"]}) as browser:
        assert browser.get("/matrix/duplication").status_code == 200
        assert browser.post("/graphql", json={"query": "{ me { role } }"}).status_code == 401  # the cookie only reads pages
