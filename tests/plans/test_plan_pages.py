"""The plan pages as people see them, on the Mashhad demo: the directorate's /plans/{id} in headless
Chromium (Persian, Jalali dates, Persian digits, rials, the approval chain, the progress view, the
plan matrix as a heatmap), and an agency's /portal/plan-actions, where it reports on its own actions
only."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from service.text.persian import to_persian_digits
from tests.browser import browser_page, needs_chromium
from tests.conftest import GraphQL, make_token
from tests.plans.helpers import PLAN
from tests.portal.conftest import csrf_of, sign_in
from tests.web.look import look, shoot

DEMO_PLAN = "pl-mashhad-1404-1405"
HTML = {"accept": "text/html"}
LATIN = re.compile(r"[0-9]")


def html_of(gql: GraphQL, path: str) -> Any:
    """A page as a browser asks for it (HTML accepted), with the token of ``gql``."""
    return gql.client.get(path, headers=gql.headers | HTML)


@needs_chromium
def test_the_plan_page_in_chromium(demo: GraphQL, tmp_path: Path) -> None:
    data = demo.ok(PLAN, id=DEMO_PLAN)["plan"]
    late = data["progress"]["lateActionIds"]
    base = str(demo.client.base_url)
    with browser_page(base, demo.token, width=1400, height=1000) as (page, traffic):
        page.goto(base + "/plans")
        assert "برنامهٔ هماهنگی دستگاه‌های اجرایی مشهد" in look(page)["text"]
        page.click("a.plan-link")
        page.wait_for_selector("#plan-matrix svg rect.cell")
        seen = look(page)
        shoot(page, tmp_path, "plan-page")
        assert seen["direction"] == "rtl" and seen["lang"] == "fa" and seen["vazirmatnLoaded"] and seen["nav"], seen
        assert "دورهٔ ۱۴۰۴ تا ۱۴۰۵" in seen["text"] and "پیشنهادشده" in seen["text"]
        chain = page.locator("#chain li")
        assert chain.count() == 3 and page.locator("#chain li.done").count() == 2
        assert "شورای اسلامی شهر: گام بعدی" in chain.nth(2).inner_text()
        assert re.search(r"۱۴۰۵/۰[78]/", chain.nth(0).inner_text()) or "۱۴۰۵/۰۹/" in chain.nth(0).inner_text()
        assert page.inner_text("#n-late").startswith(to_persian_digits(str(len(late))))
        assert "ریال" in page.inner_text("#expected") and not LATIN.search(page.inner_text("#progress"))
        rows = page.locator("#late-actions tbody tr")
        assert rows.count() == len(late) and not LATIN.search(page.inner_text("#late-actions"))
        assert "/" in rows.nth(0).locator("td.due").inner_text()  # a Jalali date, Persian digits
        cells = page.locator("#plan-matrix rect.cell")
        assert cells.count() == len(data["matrix"]) > 0
        cells.nth(0).hover()
        assert "«" in page.locator("#plan-matrix rect.cell").nth(0).get_attribute("data-lines")  # the action's title
        assert page.locator("#actions tbody tr").count() == len(data["actions"])
        page.click("#overlay")  # the plan over the agency network
        page.wait_for_function("() => window.hamahangStable === true", timeout=90_000)
        owners = {o for a in data["actions"] for o in a["ownerIds"]}
        edges = sum(1 if len(a["ownerIds"]) == 1 else len(a["ownerIds"]) * (len(a["ownerIds"]) - 1) // 2 for a in data["actions"])
        counts = look(page)["text"]
        assert to_persian_digits(f"{len(owners)} گره") in counts and to_persian_digits(f"{edges} یال") in counts, counts[:400]
        shoot(page, tmp_path, "plan-overlay")
        assert traffic.blocked == [] and traffic.errors == [], (traffic.blocked, traffic.errors)
    english = html_of(demo, f"/plans/{DEMO_PLAN}?lang=en").text
    assert '<html lang="en" dir="ltr">' in english and "Approval chain" in english and "Period 1404 to 1405" in english
    html_of(demo, "/plans?lang=fa")  # leave the shared client Persian


def test_who_may_see_the_plan_pages(demo: GraphQL) -> None:
    agency = demo.as_role("agency", "ag-parks")
    assert html_of(agency, f"/plans/{DEMO_PLAN}").status_code == 403
    assert html_of(demo.as_role("analyst"), f"/plans/{DEMO_PLAN}").status_code == 200
    missing = html_of(demo, "/plans/pl-nowhere")
    assert missing.status_code == 404 and "پیدا نشد" in missing.text
    sheet = demo.get(f"/plans/{DEMO_PLAN}/actions.csv")
    lines = sheet.text.lstrip("\ufeff").splitlines()
    actions = demo.ok(PLAN, id=DEMO_PLAN)["plan"]["actions"]
    assert sheet.headers["content-type"].startswith("text/csv") and lines[0].startswith("id,titleFa,status,late")
    assert len(lines) == 1 + len(actions) and all(a["id"] in sheet.text for a in actions)
    assert agency.get(f"/plans/{DEMO_PLAN}/actions.csv").status_code == 403
    svg = demo.get(f"/plans/{DEMO_PLAN}/matrix.svg")
    assert svg.headers["content-type"] == "image/svg+xml" and svg.text.count('class="cell"') == len(demo.ok(PLAN, id=DEMO_PLAN)["plan"]["matrix"])
    png = demo.get(f"/plans/{DEMO_PLAN}/matrix.png")
    assert png.headers["content-type"] == "image/png" and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert demo.get(f"/plans/{DEMO_PLAN}/matrix.gif").status_code == 404
    assert agency.get(f"/plans/{DEMO_PLAN}/matrix.svg").status_code == 403


def test_an_agency_reports_on_its_own_actions_in_the_portal(demo: GraphQL) -> None:
    assert demo.settings is not None
    actions = demo.ok(PLAN, id=DEMO_PLAN)["plan"]["actions"]
    started = next(a for a in actions if a["status"] == "IN_PROGRESS")
    owner = started["ownerIds"][0]
    others = [a["id"] for a in actions if owner not in a["ownerIds"]]
    assert others, "the demo plan should hold actions this agency does not own"
    client = sign_in(str(demo.client.base_url), make_token(demo.settings, "agency", owner))
    try:
        listing = client.get("/portal/plan-actions")
        assert listing.status_code == 200 and f'id="action-{started["id"]}"' in listing.text
        assert all(f'id="action-{i}"' not in listing.text for i in others)  # only its own
        assert "مبلغ تحقق‌یافته" in listing.text and 'lang="fa"' in listing.text
        csrf = csrf_of(listing.text)
        version = re.search(rf'action-{started["id"]}".*?name="version" value="(\d+)"', listing.text, re.S)
        assert version
        sent = client.post(f"/portal/plan-actions/{started['id']}/report",
                           data={"csrf": csrf, "version": version.group(1), "to": "in_progress", "realised": "۹۹٬۰۰۰", "comment": "گزارش ماهانه"})  # fmt: skip
        assert sent.status_code == 303 and "flash=done_report" in sent.headers["location"]
        after = client.get(sent.headers["location"])
        assert "گزارش اقدام ثبت شد." in after.text and "گزارش ماهانه" in after.text and "۹۹٬۰۰۰" in after.text
        bad = client.post(f"/portal/plan-actions/{started['id']}/report", data={"csrf": csrf, "to": "in_progress", "realised": "بسیار"})
        assert bad.status_code == 422 and "عددی صحیح" in bad.text
        hidden = client.post(f"/portal/plan-actions/{others[0]}/report", data={"csrf": csrf, "to": "in_progress"})
        missing = client.post("/portal/plan-actions/pa-nowhere/report", data={"csrf": csrf, "to": "in_progress"})
        assert hidden.status_code == missing.status_code == 404
        english = client.get("/portal/plan-actions?lang=en")
        assert english.status_code == 200 and "Coordination plan actions" in english.text and "Realised so far (rials)" in english.text
        client.get("/portal/plan-actions?lang=fa")
        forged = client.post(f"/portal/plan-actions/{started['id']}/report", data={"csrf": "x", "to": "done"})
        assert forged.status_code == 403
    finally:
        client.close()
    realised = demo.ok("query($id: ID!) { planAction(id: $id) { realisedRials history { comment byAgencyId } } }", id=started["id"])
    assert realised["planAction"]["realisedRials"] == 99_000
    assert realised["planAction"]["history"][-1] == {"comment": "گزارش ماهانه", "byAgencyId": owner}


@needs_chromium
def test_the_portal_plan_actions_page_in_chromium(demo: GraphQL, tmp_path: Path) -> None:
    """An owner agency signs in, reads its actions right to left in Persian, and files a report."""
    assert demo.settings is not None
    actions = demo.ok(PLAN, id=DEMO_PLAN)["plan"]["actions"]
    started = next(a for a in actions if a["status"] == "IN_PROGRESS" and a["late"])
    token = make_token(demo.settings, "agency", started["ownerIds"][0])
    base = str(demo.client.base_url)
    with browser_page(base) as (page, traffic):
        page.goto(base + "/portal/login")
        page.fill("#token", token)
        page.click("#sign-in")
        page.wait_for_url(re.compile(r"/portal/dashboard$"))
        page.click("#nav-plan-actions")
        card = page.locator(f"#action-{started['id']}")
        card.wait_for()
        seen = look(page)
        assert seen["direction"] == "rtl" and seen["lang"] == "fa" and seen["vazirmatnLoaded"], seen
        assert seen["scrollWidth"] <= seen["width"] and "دیرکرد" in card.inner_text()
        assert not LATIN.search(card.locator(".due").inner_text())
        shoot(page, tmp_path, "portal-plan-actions")
        card.locator("input[name=realised]").fill("۵۰۰٬۰۰۰")
        card.locator("textarea[name=comment]").fill("گزارش هفتگی")
        card.locator("button[type=submit]").click()
        page.wait_for_selector("#flash")
        assert page.inner_text("#flash") == "گزارش اقدام ثبت شد."
        assert "۵۰۰٬۰۰۰" in page.locator(f"#action-{started['id']} .realised").inner_text()
        shoot(page, tmp_path, "portal-plan-actions-reported")
        assert traffic.blocked == [] and traffic.errors == [], (traffic.blocked, traffic.errors)
