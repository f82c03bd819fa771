"""The network explorer as an analyst uses it, in Chromium with nothing off this machine:
readable labels at first view, search with Persian normalisation, the side panel, size and
colour with a legend, type toggles, Persian filters and errors, exports, contrast."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.pictures.style import LOOKS
from service.text.persian import search_key
from tests.browser import browser_page, needs_chromium
from tests.conftest import GraphQL
from tests.web.look import look, shoot

STABLE = "() => window.hamahangStable === true"
LABELLED = """() => { const n = window.hamahangNetwork, scale = n.getScale(), out = [];
  const body = n.body; const threshold = 9;  // px: readable, not merely drawn
  for (const id of body.nodeIndices) { const node = body.nodes[id];
    if (node.options.hidden) continue;
    const px = node.options.font.size * scale;
    if (px >= threshold) out.push(id); }
  return {scale: scale, labelled: out, total: body.nodeIndices.length}; }"""


def _open(page, base: str, path: str) -> None:  # type: ignore[no-untyped-def]
    response = page.goto(base + path)
    assert response is not None and response.status == 200, path
    page.wait_for_function(STABLE, timeout=90_000)


def _contrast(a: str, b: str) -> float:
    def lum(h: str) -> float:
        rgb = [int(h[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_label_colours_meet_wcag_aa() -> None:
    """Labels inside a shape are white on its colour; outside, dark ink on the page: 4.5:1 or more."""
    from service.pictures.network import INSIDE

    for name, look_ in LOOKS.items():
        ink = "#ffffff" if look_.shape in INSIDE else "#1d2330"
        ground = look_.color if look_.shape in INSIDE else "#ffffff"
        assert _contrast(ink, ground) >= 4.5, (name, look_.color, round(_contrast(ink, ground), 2))


@needs_chromium
def test_whole_registry_reads_at_first_view(demo: GraphQL, tmp_path: Path) -> None:
    base = str(demo.client.base_url)
    with browser_page(base, demo.token) as (page, traffic):
        _open(page, base, "/graph")
        shoot(page, tmp_path, "graph-first-view")
        state = page.evaluate(LABELLED)
        agencies = demo.ok("{ agencies { totalCount } }")["agencies"]["totalCount"]
        assert state["scale"] > 0.3, f"opens too far out: scale {state['scale']:.2f}"
        assert len(state["labelled"]) >= agencies // 2, f"only {len(state['labelled'])} labels readable at first view"
        assert len(state["labelled"]) < state["total"], "every label drawn: the view is cluttered"
        seen = look(page)
        assert "ag-" not in seen["text"] and "utility_company" not in seen["text"] and "municipal_deputy" not in seen["text"]
        counts = page.locator("#hh-counts").inner_text()
        assert not any(ch.isascii() and ch.isdigit() for ch in counts), counts  # «۳۰۳ گره و ۴۹۰ یال»
        assert traffic.blocked == [] and traffic.errors == [], (traffic.blocked, traffic.errors)


@needs_chromium
def test_search_normalises_persian_and_focuses_the_node(demo: GraphQL, tmp_path: Path) -> None:
    base = str(demo.client.base_url)
    with browser_page(base, demo.token) as (page, traffic):
        _open(page, base, "/graph")
        samples = ["شركت آب و فاضلاب", "آب‌های سطحی", "۱۴۰۲ يك", "  منطقه\u200c۹ ", "ELDERLY"]
        mirrored = page.evaluate("(xs) => xs.map(window.hamahangSearchKey)", samples)
        assert mirrored == [search_key(s) for s in samples]  # the JS rules are the Python rules
        page.fill("#hh-search", "آب و فاضلاب")  # ZWNJ-free, as typed on a phone
        page.wait_for_selector("#hh-suggest li")
        assert page.locator("#hh-suggest li").first.get_attribute("data-id") == "ag-abfa"
        page.fill("#hh-search", "شركت آب")  # Arabic kaf
        page.keyboard.press("Enter")
        page.wait_for_function("() => window.hamahangNetwork.getSelectedNodes()[0] === 'ag-abfa'")
        page.wait_for_selector("#hh-panel:not([hidden])")
        panel = page.locator("#hh-panel").inner_text()
        assert "شرکت آب و فاضلاب مشهد" in panel and "شرکت خدمات‌رسان" in panel and "utility" not in panel
        assert page.locator('#hh-panel a[href="/graph/agency/ag-abfa?hops=1"]').count() == 1
        assert page.locator('#hh-panel a[href^="/matrix/duplication#row-ag-abfa"]').count() == 1
        shoot(page, tmp_path, "search-panel")
        page.fill("#hh-search", "چیزی که نیست")
        assert page.locator("#hh-search-none").is_visible()
        assert traffic.errors == [], traffic.errors


@needs_chromium
def test_panel_shows_jalali_dates_and_rials(demo: GraphQL, tmp_path: Path) -> None:
    exchange = demo.ok('{ exchanges(filter: {kind: FINANCIAL}, first: 1) { nodes { id dateJalali amount } } }')
    row = exchange["exchanges"]["nodes"][0]
    base = str(demo.client.base_url)
    with browser_page(base, demo.token) as (page, _):
        _open(page, base, f"/graph?focus={row['id']}")
        page.wait_for_selector("#hh-panel:not([hidden])")
        panel = page.locator("#hh-panel").inner_text()
        digits = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
        assert row["dateJalali"].replace("-", "/").translate(digits) in panel, panel
        assert f"{int(row['amount']):,}".replace(",", "٬").translate(digits) + " ریال" in panel, panel
        shoot(page, tmp_path, "exchange-panel")


@needs_chromium
def test_size_colour_legend_and_toggles_without_reload(demo: GraphQL, tmp_path: Path) -> None:
    base = str(demo.client.base_url)
    with browser_page(base, demo.token) as (page, traffic):
        _open(page, base, "/graph")
        value = "() => window.hamahangNetwork.body.data.nodes.get('ag-abfa').value"
        by_degree = page.evaluate(value)
        page.select_option("#hh-size", "volume")
        assert page.evaluate(value) != by_degree
        assert "حجم مبادلات" in page.locator("#hh-size-note").inner_text()  # the legend says what size means
        page.select_option("#hh-colour", "kind")
        legend = page.locator("#hh-colour-legend").inner_text()
        assert "شرکت خدمات‌رسان" in legend and "منطقهٔ شهرداری" in legend and "utility" not in legend
        shoot(page, tmp_path, "colour-by-kind")
        url = page.url
        page.uncheck('input[data-node-type="Duty"]')
        hidden = page.evaluate("() => window.hamahangNetwork.body.data.nodes.get({filter: n => n.hidden}).map(n => n.id)")
        assert hidden and all(h.startswith("du-") for h in hidden) and page.url == url  # no reload
        page.uncheck('input[data-edge-type="PART_OF"]')
        assert page.evaluate("() => window.hamahangNetwork.body.data.edges.get({filter: e => e.hidden}).every(e => e.rel === 'PART_OF')")
        page.check('input[data-edge-type="PART_OF"]')
        page.select_option("#hh-layout", "tree")  # the agency tree: a parent sits above its parts
        above = page.evaluate("""() => { const n = window.hamahangNetwork, p = n.getPositions(['ag-d9', 'ag-mm']);
                                         return p['ag-mm'].y < p['ag-d9'].y; }""")
        assert above
        shoot(page, tmp_path, "tree-layout")
        assert traffic.errors == [], traffic.errors


@needs_chromium
def test_filter_form_in_persian_with_errors_on_the_page(demo: GraphQL, tmp_path: Path) -> None:
    base = str(demo.client.base_url)
    with browser_page(base, demo.token) as (page, _):
        _open(page, base, "/graph?year_from=۱۴۰۲&agency=آب و فاضلاب")
        ids = page.evaluate("() => window.hamahangNetwork.body.data.nodes.getIds()")
        assert "ag-abfa" in ids and "ag-police" not in ids
        options = page.locator("select[name=kind] option").all_inner_texts()
        assert "شرکت خدمات‌رسان" in options and not any("_" in o for o in options)
        href = page.locator("#hh-graphml").get_attribute("href")
        assert href.startswith("/interop/export.graphml?") and "agency=ag-abfa" in href and "year_from=1402" in href
        graphml = demo.get(href)
        assert graphml.status_code == 200 and "<graphml" in graphml.text
        response = page.goto(base + "/graph?year_from=۱۴۰x&agency=ناموجود")
        assert response is not None and response.status == 422
        seen = look(page)
        assert "سال شمسی را با چهار رقم بنویسید" in seen["text"] and "دستگاهی با نام «ناموجود» پیدا نشد" in seen["text"]
        assert seen["direction"] == "rtl" and '"detail"' not in seen["text"]
        shoot(page, tmp_path, "filter-errors")


@needs_chromium
def test_export_png_of_the_view(demo: GraphQL, tmp_path: Path) -> None:
    base = str(demo.client.base_url)
    with browser_page(base, demo.token) as (page, _):
        _open(page, base, "/graph/agency/ag-parks")
        shoot(page, tmp_path, "neighbourhood")
        with page.expect_download() as info:
            page.click("#hh-png")
        path = tmp_path / "export.png"
        info.value.save_as(path)
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 5_000
        page.uncheck('input[data-node-type="Duty"]')
        with page.expect_download() as info:
            page.click("#hh-svg")
        svg = tmp_path / "export.svg"
        info.value.save_as(svg)
        text = svg.read_text(encoding="utf-8")
        shown = page.evaluate("() => window.hamahangNetwork.body.data.nodes.get({filter: n => !n.hidden}).length")
        assert text.startswith("<svg") and "سازمان پارک‌ها و فضای سبز شهرداری مشهد" in text
        assert text.count("<rect ") + text.count("<circle ") - 1 == shown  # what is visible, nothing hidden


@needs_chromium
@pytest.mark.parametrize("path", ["/graph/overlay/duplication", "/graph/overlay/winwin"])
def test_overlays_speak_persian(demo: GraphQL, tmp_path: Path, path: str) -> None:
    base = str(demo.client.base_url)
    with browser_page(base, demo.token) as (page, traffic):
        _open(page, base, path)
        shoot(page, tmp_path, path.rsplit("/", 1)[1])
        text = look(page)["text"]
        titles = page.evaluate("() => window.hamahangNetwork.body.data.edges.get().map(e => e.title).join('\\n')")
        for english in ("duplication", "overlap", "['", "utility_company", "Agency)", "(Duty"):
            assert english not in text and english not in titles, english
        assert traffic.errors == [], traffic.errors


@needs_chromium
def test_matrix_evidence_in_persian_and_row_marked(demo: GraphQL, tmp_path: Path) -> None:
    """The duplication cell names both duties in Persian; #row-<id> (the explorer's link) marks the row."""
    duties = demo.ok('{ d9: duty(id: "du-d9-green") { titleFa } parks: duty(id: "du-parks-green") { titleFa } }')
    base = str(demo.client.base_url)
    with browser_page(base, demo.token) as (page, traffic):
        page.goto(base + "/matrix/duplication#row-ag-parks")
        page.wait_for_function("() => document.fonts.status === 'loaded'")
        assert page.locator(".row-name.hl").count() == 1 and page.locator(".row-name.hl").get_attribute("data-agency") == "ag-parks"
        page.locator('rect.cell[data-row="ag-d9"][data-col="ag-parks"]').hover()
        detail = page.locator("#detail").inner_text()
        assert duties["d9"]["titleFa"] in detail and duties["parks"]["titleFa"] in detail, detail
        assert "duplication" not in detail and "overlap" not in detail and "findingId" not in detail
        shoot(page, tmp_path, "matrix-evidence")
        page.goto(base + "/matrix/followup")
        page.locator("rect.cell").first.hover()
        follow = page.locator("#detail").inner_text()
        assert "مهلت ۱۴" in follow and " is " not in follow and "due" not in follow, follow
        assert traffic.errors == [], traffic.errors
