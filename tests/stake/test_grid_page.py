"""The power/interest grid page and its downloads, and the stakeholder overlay: over HTTP, and in
headless Chromium (Persian labels and digits, the shipped font, nothing fetched from outside)."""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import httpx
from openpyxl import load_workbook

from tests.browser import browser_page, needs_chromium
from tests.conftest import GraphQL
from tests.pictures.test_graph_pages import DRAWN, STABLE
from tests.web.look import look, shoot

QUADRANTS_FA = ("مدیریت نزدیک", "راضی نگه‌داشتن", "در جریان نگه‌داشتن", "پایش")


def test_grid_downloads_csv_xlsx_svg(demo: GraphQL) -> None:
    demo.ok('mutation { createStakeholder(input: {nameFa: "=HYPERLINK(1)", type: CITIZENS, power: 1, interest: 1, influence: 1}) { id } }')
    response = demo.get("/stakeholders/grid.csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    by_name = {r["nameFa"]: r for r in rows}
    assert len(rows) == 7 and by_name["شورای اسلامی شهر"]["quadrant"] == "manage_closely"
    assert by_name["شورای اسلامی شهر"]["quadrantFa"] == "مدیریت نزدیک" and by_name["شورای اسلامی شهر"]["openCommitments"] == "1"
    assert by_name["نهادهای مردمی و انجمن‌های رسمی و غیررسمی"]["openCommitments"] == "0"  # its one commitment was kept
    assert "'=HYPERLINK(1)" in by_name  # a formula-like name is neutralised (service/io/cells.py)
    assert by_name["شهروندان"]["sentiment"] == "opposed" and by_name["نخبگان شهری"]["sentiment"] == "neutral"
    assert by_name["شهروندان"]["issueIds"] == "is-citizen-feedback" and "du-ict-apps" in by_name["شهروندان"]["dutyIds"].split()
    book = load_workbook(io.BytesIO(demo.get("/stakeholders/grid.xlsx").content))
    assert book.sheetnames == ["grid", "engagements", "commitments"]
    assert book["grid"].max_row == 8 and book["commitments"].max_row == 6 and book["engagements"].max_row == 8
    jalali = [c.value for c in book["commitments"]["F"][1:]]
    assert "1405/09/05" in jalali
    svg = demo.get("/stakeholders/grid.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml") and all(q in svg.text for q in QUADRANTS_FA)
    assert "قدرت" in svg.text and "۵" in svg.text


def test_grid_and_overlay_are_for_the_directorate_and_analysts(demo: GraphQL) -> None:
    agency = demo.as_role("agency", "ag-ict")
    for path in ("/stakeholders/grid", "/stakeholders/grid.csv", "/graph/overlay/stakeholders"):
        assert demo.client.get(path, headers={"Accept": "application/json"} | agency.headers).status_code == 403
    analyst = demo.as_role("analyst")
    page = analyst.get("/stakeholders/grid")
    assert page.status_code == 200 and "جدول قدرت/علاقه ذی‌نفعان" in page.text
    assert '<td class="stance">مخالف</td>' in page.text and '<td class="stance">حامی</td>' in page.text
    # a client of its own: ?lang=en is remembered in a cookie, which must not stay on the shared client
    with httpx.Client(base_url=str(demo.client.base_url), headers=analyst.headers, timeout=30) as own:
        english = own.get("/stakeholders/grid?lang=en")
    assert "Manage closely" in english.text and "Keep satisfied" in english.text


@needs_chromium
def test_grid_page_in_chromium(demo: GraphQL, tmp_path: Path) -> None:
    base = str(demo.client.base_url)
    with browser_page(base, demo.token) as (page, traffic):
        response = page.goto(base + "/stakeholders/grid")
        assert response is not None and response.status == 200
        seen = look(page)
        labels = page.eval_on_selector_all("#stakeholder-grid text.quadrant-label", "els => els.map(e => e.textContent)")
        dots = page.eval_on_selector_all("#stakeholder-grid g.stakeholder", "els => els.map(e => [e.dataset.id, e.dataset.quadrant])")
        box = page.eval_on_selector("#stakeholder-grid", "e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; }")
        ticks = page.eval_on_selector_all("#stakeholder-grid text.tick", "els => els.map(e => e.textContent)")
        names = page.eval_on_selector_all("#stakeholder-grid g.stakeholder text", """els => els.map(e => {
            const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })""")
        grid_box = page.eval_on_selector("#stakeholder-grid", "e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }")
        path = shoot(page, Path(os.environ.get("HAMAHANG_SHOTS", tmp_path)), "stakeholder-grid")
    assert traffic.blocked == [] and traffic.errors == []
    assert seen["direction"] == "rtl" and seen["vazirmatnLoaded"] and seen["nav"] and seen["scrollWidth"] <= seen["width"]
    assert sorted(labels) == sorted(QUADRANTS_FA) and box[0] > 500 and box[1] > 500
    assert dict(dots)["sh-council"] == "manage_closely" and dict(dots)["sh-citizens"] == "keep_informed" and len(dots) == 6
    assert set(ticks) == {"۱", "۲", "۳", "۴", "۵"}
    for i, a in enumerate(names):  # every name inside the picture, none over another (seen once: two on one row)
        assert grid_box[0] <= a[0] and a[2] <= grid_box[2], a
        for b in names[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    assert "شورای اسلامی شهر" in seen["text"] and "۶ ذی‌نفع" in seen["text"]
    assert path.stat().st_size > 20_000
    if os.environ.get("HAMAHANG_SHOTS"):
        shutil.copy(path, Path(os.environ["HAMAHANG_SHOTS"]) / "kept-grid.png")


@needs_chromium
def test_stakeholder_overlay_in_chromium(demo: GraphQL, tmp_path: Path) -> None:
    base = str(demo.client.base_url)
    with browser_page(base, demo.token) as (page, traffic):
        response = page.goto(base + "/graph/overlay/stakeholders")
        assert response is not None and response.status == 200
        page.wait_for_function(STABLE, timeout=60_000)
        state = page.evaluate(DRAWN)
        shoot(page, Path(os.environ.get("HAMAHANG_SHOTS", tmp_path)), "stakeholder-overlay")
    assert traffic.blocked == []
    assert {"sh-citizens", "sh-council", "du-ict-apps", "ag-ict", "is-citizen-feedback"} <= set(state["ids"])
    assert state["font"] is True and state["direction"] == "rtl" and state["edges"] >= state["nodes"] - 6


def test_a_stakeholders_page(demo: GraphQL) -> None:
    page = demo.get("/stakeholders/sh-council")
    assert page.status_code == 200 and '<h1 id="stakeholder-name">شورای اسلامی شهر</h1>' in page.text
    assert "قدرت ۵، علاقه ۵، نفوذ ۵" in page.text and "مدیریت نزدیک" in page.text
    assert "تأخیر در ارائه گزارش عملکرد برنامه میان‌مدت" in page.text  # the issue it voiced, by title
    assert "۱۴۰۵/۰۹/۰۱" in page.text and "معاونت برنامه‌ریزی و توسعه سرمایه انسانی" in page.text  # the log, who held it
    assert 'data-id="cm-plan-report" data-status="open"' in page.text and "دیرکرد" in page.text
    grid = demo.get("/stakeholders/grid")
    assert '<a href="/stakeholders/sh-council">' in grid.text
    missing = demo.client.get("/stakeholders/sh-nowhere", headers={"Accept": "application/json"} | demo.headers)
    assert missing.status_code == 404
    english = httpx.get(f"{demo.client.base_url}/stakeholders/sh-staff?lang=en", headers=demo.headers, timeout=30)
    assert "Power 3, interest 4, influence 3" in english.text and "open → broken" in english.text


@needs_chromium
def test_from_the_grid_to_a_stakeholder_in_chromium(demo: GraphQL, tmp_path: Path) -> None:
    base = str(demo.client.base_url)
    with browser_page(base, demo.token) as (page, traffic):
        page.goto(base + "/stakeholders/grid")
        page.click('a[href="/stakeholders/sh-citizens"]')
        page.wait_for_selector("#stakeholder-name")
        seen = look(page)
        shoot(page, Path(os.environ.get("HAMAHANG_SHOTS", tmp_path)), "stakeholder-citizens")
    assert traffic.blocked == [] and traffic.errors == []
    assert seen["direction"] == "rtl" and seen["vazirmatnLoaded"] and seen["scrollWidth"] <= seen["width"]
    assert "شهروندان" in seen["text"] and "۱۴۰۵/۰۹/۰۲" in seen["text"] and "باز" in seen["text"]
