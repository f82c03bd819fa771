"""The /intake and /catalogue pages in headless Chromium: Persian, right to left, the Vazirmatn font,
nothing off this machine, the proposals with their decisions and the chain; the catalogue's search."""

from __future__ import annotations

from pathlib import Path

from tests.browser import browser_page, needs_chromium
from tests.conftest import GraphQL
from tests.web.look import look, shoot

HTML = {"accept": "text/html,application/xhtml+xml"}


def test_pages_need_the_directorate_or_an_analyst(demo: GraphQL) -> None:
    for path in ("/intake", "/catalogue"):
        assert demo.client.get(path, headers=HTML, follow_redirects=False).status_code == 303  # to /signin
        assert demo.as_role("agency", "ag-d9").get(path).status_code == 403
        assert demo.as_role("analyst").get(path).status_code == 200


@needs_chromium
def test_intake_page_shows_proposals_decisions_and_the_chain(demo: GraphQL, tmp_path: Path) -> None:
    base = str(demo.client.base_url).rstrip("/")
    with browser_page(base, token=demo.token, width=1300, height=900) as (page, traffic):
        page.goto(base + "/intake")
        seen = look(page)
        assert seen["direction"] == "rtl" and seen["lang"] == "fa" and seen["vazirmatnLoaded"] and seen["nav"], seen
        text = seen["text"]
        assert "پذیرش و اولویت‌بندی مسائل" in text and "تلفیق و پذیرش" in text and "رد" in text
        assert "کمیسیون ابعاد راهبردی و عملیاتی" in text and "شورای اسلامی شهر مشهد" in text and "در نوبت تصمیم" in text
        rows = page.locator("#proposals tbody tr")
        assert rows.count() == len(demo.ok("{ issueProposals { key } }")["issueProposals"])
        assert page.locator("#approved li").count() == 5
        statuses = page.eval_on_selector_all("#chain li", "els => els.map(e => e.dataset.status)")
        assert statuses == ["committee", "approved", "approved", "awaiting"]
        assert "۱" in rows.first.inner_text() and "1" not in rows.first.locator("td").first.inner_text()  # Persian digits
        assert page.locator("span.badge.source").count() >= 10 and page.locator("span.badge.level").count() >= 10
        assert not traffic.blocked and not traffic.errors, (traffic.blocked, traffic.errors)
        shoot(page, tmp_path, "intake")


@needs_chromium
def test_catalogue_page_searches_products_and_shows_the_club(demo: GraphQL, tmp_path: Path) -> None:
    base = str(demo.client.base_url).rstrip("/")
    with browser_page(base, token=demo.token, width=1300, height=900) as (page, traffic):
        page.goto(base + "/catalogue")
        seen = look(page)
        assert seen["direction"] == "rtl" and seen["vazirmatnLoaded"] and seen["scrollWidth"] <= seen["width"], seen
        total = page.locator("#products tbody tr").count()
        assert total >= 12 and page.locator(".fictional").count() == total  # every invented firm says so
        assert "باشگاه برنامه‌ریزان شهری" in seen["text"] and "۶۰۰ عضو" in seen["text"] and "۶ میز تخصصی" in seen["text"]
        page.select_option("select[name=centre]", "culture_society_pilgrimage")
        page.click("form.filters button[type=submit]")
        page.wait_for_url("**centre=culture_society_pilgrimage**")
        kept = page.locator("#products tbody tr")
        assert 0 < kept.count() < total and all("زیارت" in t for t in page.eval_on_selector_all(
            "#products tbody tr td:nth-child(2)", "els => els.map(e => e.innerText)"))  # fmt: skip
        page.fill("input[name=q]", "زائران")
        page.click("form.filters button[type=submit]")
        page.wait_for_url("**q=**")
        assert page.locator("#products tbody tr").count() == 1
        assert not traffic.blocked and not traffic.errors, (traffic.blocked, traffic.errors)
        page.goto(base + "/catalogue")
        shoot(page, tmp_path, "catalogue")


def test_the_explorer_colours_issues_by_source_and_level(demo: GraphQL) -> None:
    import json
    import re

    ok = demo.client.post("/signin", data={"token": demo.token, "next": "/"}, follow_redirects=False)
    with type(demo.client)(base_url=demo.client.base_url, cookies={"hmh_viewer": ok.cookies["hmh_viewer"]}) as browser:
        text = browser.get("/graph", headers=HTML).text
    assert '<option value="source">منبع اطلاعاتی مسئله</option>' in text
    found = re.search(r'<script type="application/json" id="hh-data">(.*?)</script>', text, re.S)
    assert found is not None
    data = json.loads(found.group(1).replace("<\\/", "</"))
    issues = {k: n for k, n in data["nodes"].items() if n["type"] == "Issue"}
    assert issues and all(n["source"] in data["palettes"]["source"] for n in issues.values())
    assert {n["level"] for n in issues.values()} == {"headquarters", "organisation", "district"}
    assert len(data["palettes"]["source"]) == 10  # the nine and "other"
    panel = dict(issues["is-pilgrim-water-cuts"]["fields"])
    assert "سامانه ۱۳۷" in panel["منبع"] and panel["سطح گردآوری"] == "منطقه‌ای"


def test_the_pages_speak_english_when_asked(demo: GraphQL) -> None:
    analyst = demo.as_role("analyst")
    intake = analyst.get("/intake?lang=en").text
    assert "Issue intake and prioritisation" in intake and "merged and kept" in intake and "its turn to decide" in intake
    assert "Commission on strategic and operational dimensions" in intake and "Repeated digging of freshly asphalted" in intake
    catalogue = analyst.get("/catalogue?lang=en").text
    assert "Knowledge-based products" in catalogue and "(fictional name)" in catalogue and "600 members; 6 specialist desks" in catalogue
    assert "Civil works, transport and traffic" in catalogue
    analyst.get("/catalogue?lang=fa")  # leave the shared client Persian for the tests after this one
