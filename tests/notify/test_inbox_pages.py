"""The inboxes as people see them, in headless Chromium (nothing off 127.0.0.1 loads): an agency's
portal inbox in Persian with the unread count in its header, marked read with one button; the
directorate's page in the site's frame. Both right to left in the screenshot itself."""

from __future__ import annotations

import re
from pathlib import Path

from tests.browser import browser_page, needs_chromium
from tests.conftest import LiveServer
from tests.notify.conftest import Town, token_for
from tests.portal.test_portal_browser import check_right_to_left

SWEEP = "mutation { sweepNotifications { created } }"


@needs_chromium
def test_the_portal_inbox_counts_lists_and_marks_read(town: Town, notify_app: LiveServer, tmp_path: Path) -> None:
    town.gql.ok(SWEEP)
    token = token_for(town.settings, "agency", "ag-parks")
    with browser_page(notify_app.url) as (page, traffic):
        page.goto(f"{notify_app.url}/portal/login")
        page.fill("#token", token)
        page.click("#sign-in")
        page.wait_for_url(re.compile(r"/portal/dashboard$"))
        assert page.inner_text("#nav-unread") == "۷"  # in the header of every page
        page.click("#nav-inbox")
        page.wait_for_url(re.compile(r"/portal/inbox$"))
        assert page.inner_text("h1") == "اعلان‌های دستگاه"
        assert page.inner_text("#unread-count") == "۷ اعلان خوانده‌نشده از ۷"
        rows = page.locator("#inbox tbody tr.unread")
        assert rows.count() == 7
        soon = page.locator('tr[data-kind="request_due_soon"]')
        assert "۱۴۰۵/۰۹/۱۱" in soon.inner_text() and "سررسید نزدیک" in soon.inner_text()
        check_right_to_left(page, tmp_path / "inbox.png")
        soon.locator("button").click()  # one read
        page.wait_for_url(re.compile(r"flash=done_read"))
        assert page.inner_text("#nav-unread") == "۶"
        assert page.locator('tr[data-kind="request_due_soon"].read').count() == 1
        page.click("#mark-all")
        page.wait_for_selector("#flash")
        assert page.locator("#nav-unread").count() == 0 and page.locator("tr.unread").count() == 0
        assert page.inner_text("#unread-count") == "۰ اعلان خوانده‌نشده از ۷"
        page.click("#show-unread")
        assert page.inner_text("#empty") == "اعلانی نیست."
        assert traffic.blocked == [] and traffic.errors == []


@needs_chromium
def test_the_directorate_reads_its_inbox_on_the_site(town: Town, notify_app: LiveServer, tmp_path: Path) -> None:
    town.gql.ok(SWEEP)
    with browser_page(notify_app.url, token=town.gql.token) as (page, traffic):
        page.goto(f"{notify_app.url}/notifications")
        assert page.get_attribute("#unread-count", "data-unread") == "1"
        assert page.inner_text("#unread-count") == "۱ اعلان خوانده‌نشده از ۱"
        row = page.locator('#inbox tr[data-kind="request_escalated"]')
        assert "ارجاع" in row.inner_text() and "۲۰ روز" in row.inner_text()
        assert page.locator('nav.site a[aria-current="page"]').inner_text() == "اعلان‌ها"
        check_right_to_left(page, tmp_path / "directorate.png")
        page.goto(f"{notify_app.url}/notifications?lang=en")
        assert page.inner_text("#unread-count") == "1 unread of 1"
        assert "20 days" in page.locator("#inbox").inner_text()
        page.goto(f"{notify_app.url}/notifications?lang=fa")
        assert traffic.blocked == [] and traffic.errors == []
