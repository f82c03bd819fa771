"""The governance pages as a person sees them in headless Chromium: the portal's groups page for a
supervisor (Persian, right to left, no overflow, its approve button works) and the groups overlay."""

from __future__ import annotations

from pathlib import Path

from tests.browser import browser_page, needs_chromium
from tests.conftest import GraphQL, LiveServer, make_token
from tests.web.look import look, shoot


@needs_chromium
def test_a_supervisor_approves_in_the_portal_and_the_overlay_draws_roles(demo: GraphQL, live: LiveServer, tmp_path: Path) -> None:
    assert demo.settings is not None
    token = make_token(demo.settings, "agency", "ag-abfa")
    draft = next(r for r in demo.ok("{ transparencyReports { id status groupId } }")["transparencyReports"] if r["groupId"] == "wg-wsc-knowledge")
    with browser_page(live.url) as (page, traffic):
        page.goto(f"{live.url}/portal/login")
        page.fill("input[name=token]", token)
        page.click("button[type=submit]")
        page.goto(f"{live.url}/portal/groups")
        seen = look(page)
        shoot(page, tmp_path, "portal-groups")
        assert seen["direction"] == "rtl" and seen["vazirmatnLoaded"] and seen["scrollWidth"] <= seen["width"] + 1
        assert "کارگروه‌های من" in seen["text"] and "ناظر" in seen["text"]
        page.click(f"#approve-{draft['id']}")
        page.wait_for_url(f"{live.url}/portal/groups?flash=done")
        assert page.locator("#flash").inner_text() == "ثبت شد."
        assert traffic.blocked == [] and traffic.errors == []
    assert next(r for r in demo.ok("{ transparencyReports { id status } }")["transparencyReports"] if r["id"] == draft["id"])["status"] == "APPROVED"
    with browser_page(live.url, token=demo.token) as (page, traffic):
        page.goto(f"{live.url}/graph/overlay/groups")
        page.wait_for_function("() => !!document.querySelector('canvas')")
        shoot(page, tmp_path, "groups-overlay")
        text = page.evaluate("() => document.body.innerText")
        assert "کارگروه‌ها و نقش اعضا" in text and "دبیرخانهٔ کارگروه" in text and "تسهیل‌گر کارگروه" in text and "role_" not in text
        assert traffic.blocked == []
