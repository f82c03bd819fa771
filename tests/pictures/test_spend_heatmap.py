"""Duplicated spend by COFOG group × Jalali year as a heatmap (issue 14 item 3): the page in Chromium
(Persian, the findings on hover), the SVG and PNG downloads, the same rials as the GraphQL report."""

from __future__ import annotations

from pathlib import Path

from service.text.persian import to_persian_digits
from tests.browser import browser_page, needs_chromium
from tests.conftest import GraphQL

SPEND = "{ analyses { duplication { spend { group year duplicationRials overlapRials } } } }"


def _report(demo: GraphQL) -> dict[tuple[str, str], int]:
    rows = demo.ok(SPEND)["analyses"]["duplication"]["spend"]
    return {(r["group"], str(r["year"])): int(r["duplicationRials"]) + int(r["overlapRials"]) for r in rows}


@needs_chromium
def test_spend_heatmap_page_shows_findings_on_hover(demo: GraphQL, tmp_path: Path) -> None:
    report = _report(demo)
    assert report and ("05.4", "1402") in report
    with browser_page(str(demo.client.base_url), demo.token) as (page, traffic):
        response = page.goto(str(demo.client.base_url) + "/matrix/spend")
        assert response is not None and response.status == 200
        page.wait_for_function("() => document.fonts.check('16px Vazirmatn')")
        assert page.title() == "هزینهٔ موازی‌کاری به تفکیک حوزهٔ کارکردی و سال"
        cells = page.locator("rect.cell")
        drawn = {(c.get_attribute("data-row"), c.get_attribute("data-col")): int(c.get_attribute("data-value") or 0)
                 for c in cells.all()}  # fmt: skip
        assert {k: v for k, v in drawn.items()} == {k: v for k, v in report.items() if v}  # the report's rials, cell by cell
        assert to_persian_digits("1402") in page.locator("text.year").all_text_contents()
        page.locator('rect.cell[data-row="05.4"][data-col="1402"]').hover()
        detail = page.locator("#detail").text_content() or ""
        assert "سال ۱۴۰۲" in detail and "ریال" in detail and "دوباره‌کاری" in detail, detail
        assert not any(ch.isascii() and ch.isdigit() for ch in detail), detail  # Persian digits only
        page.screenshot(path=str(tmp_path / "spend.png"), full_page=True)
        assert (tmp_path / "spend.png").stat().st_size > 10_000
        assert traffic.blocked == [] and traffic.errors == []


def test_spend_heatmap_downloads(demo: GraphQL, tmp_path: Path) -> None:
    png = demo.get("/matrix/spend.png")
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    (tmp_path / "spend-download.png").write_bytes(png.content)  # to look at
    svg = demo.get("/matrix/spend.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml") and 'data-row="05.4"' in svg.text and "@font-face" in svg.text
    assert demo.as_role("agency", "ag-parks").get("/matrix/spend").status_code == 403
