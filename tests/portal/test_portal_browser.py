"""The portal in headless Debian Chromium (Playwright): two agencies file and work a request,
the page is right to left in the screenshot itself, and errors read clearly in Persian.

Every page request is routed: anything not on 127.0.0.1 is aborted and fails the test (the
``new_page`` fixture asserts none was attempted), since intranets here have no internet.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

from tests.conftest import GraphQL, LiveServer
from tests.portal.conftest import Offline, agency_token

# The extent of the ink in a row band of a PNG, decoded by the browser itself (no image library).
INK_JS = """async ([b64, top, bottom]) => {
  const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
  const image = await createImageBitmap(new Blob([bytes], {type: 'image/png'}));
  const canvas = new OffscreenCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const data = ctx.getImageData(0, top, image.width, bottom - top).data;
  let min = image.width, max = -1;
  for (let i = 0; i < data.length; i += 4) {
    if (0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2] < 110) {
      const x = (i / 4) % image.width;
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  return {width: image.width, min, max};
}"""


def sign_in(page: Any, live: LiveServer, token: str) -> None:
    page.goto(f"{live.url}/portal/login")
    page.fill("#token", token)
    page.click("#sign-in")
    page.wait_for_url(re.compile(r"/portal/dashboard$"))


def move(page: Any, to: str, comment: str = "") -> None:
    page.select_option("#to", to)
    if comment:
        page.fill("#comment", comment)
    page.click("#move")
    page.wait_for_selector(f'#status[data-status="{to}"]')
    assert page.inner_text("#flash") == "گام ثبت شد."


def sent_count(portal: GraphQL, agency_id: str) -> int:
    data = portal.ok("query($a: ID!) { requests(filter: {senderId: $a}) { totalCount } }", a=agency_id)
    return int(data["requests"]["totalCount"])


def check_right_to_left(page: Any, screenshot: Path) -> None:
    """The page says rtl, the Persian heading's text hugs the right edge of the content, and the
    pixels of the saved screenshot agree."""
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("document.documentElement.getAttribute('dir')") == "rtl"
    text, content = page.evaluate("""() => {
      const h1 = document.querySelector('h1'), range = document.createRange();
      range.selectNodeContents(h1);
      const r = range.getBoundingClientRect(), box = h1.getBoundingClientRect();
      return [{left: r.left, right: r.right, top: r.top, bottom: r.bottom}, {left: box.left, right: box.right}];
    }""")
    assert abs(text["right"] - content["right"]) <= 2, (text, content)
    assert text["left"] > (content["left"] + content["right"]) / 2, "the heading's text should sit at the right"
    page.screenshot(path=str(screenshot))
    png = base64.b64encode(screenshot.read_bytes()).decode()
    ink = page.context.new_page().evaluate(INK_JS, [png, int(text["top"]), int(text["bottom"]) + 1])
    assert ink["max"] > 0, "no text in the heading row of the screenshot"
    assert ink["min"] > ink["width"] / 2, ink  # the heading's pixels are all in the right half
    assert abs(ink["max"] - text["right"]) <= 6, (ink, text)  # and end at the right edge of the content


def test_file_a_request_and_work_it_to_done(portal: GraphQL, live: LiveServer, new_page: Any, offline: Offline,
                                            tmp_path: Path) -> None:  # fmt: skip
    assert portal.settings is not None
    parks_token = agency_token(portal.settings, "ag-parks")
    abfa_token = agency_token(portal.settings, "ag-abfa")

    parks = new_page()
    sign_in(parks, live, parks_token)
    assert "سازمان پارک‌ها و فضای سبز شهرداری مشهد" in parks.inner_text("#signed-in-agency")
    parks.click("text=ثبت درخواست")
    parks.wait_for_url(re.compile(r"/portal/requests/new$"))
    parks.fill("#receiverId", "آب و فاضلاب مشهد")  # the picker: part of the name is enough
    parks.fill("#subject", "تأمین پساب تصفیه‌شده برای آبیاری بوستان وکیل‌آباد")
    parks.fill("#body", "روزانه ۵۰۰ مترمکعب پساب برای آبیاری در فصل گرم لازم است.")
    parks.fill("#dueDate", "۱۴۰۴/۰۲/۱۵")
    parks.click("#submit")
    parks.wait_for_url(re.compile(r"/portal/requests/[^/]+\?flash=done_request$"))
    request_id = parks.url.split("/portal/requests/")[1].split("?")[0]
    assert parks.inner_text("#flash") == "درخواست ثبت شد."
    assert parks.get_attribute("#status", "data-status") == "submitted"
    assert parks.inner_text("#due") == "۱۴۰۴/۰۲/۱۵"

    abfa = new_page()
    sign_in(abfa, live, abfa_token)
    row = abfa.locator(f'#received tr[data-request="{request_id}"]')
    assert "تأمین پساب تصفیه‌شده" in row.inner_text()
    assert "سازمان پارک‌ها و فضای سبز شهرداری مشهد" in row.inner_text()
    assert row.locator("td.status").get_attribute("data-status") == "submitted"
    row.locator("a").click()
    abfa.wait_for_url(re.compile(rf"/portal/requests/{request_id}$"))
    move(abfa, "acknowledged")
    move(abfa, "in_progress", "برنامهٔ انتقال پساب تنظیم شد.")
    move(abfa, "done", "لوله‌کشی انجام و پساب تحویل شد.")
    assert abfa.locator("#steps li").count() == 4  # the filing, then three moves
    assert "لوله‌کشی انجام و پساب تحویل شد." in abfa.inner_text("#steps")
    assert abfa.locator("#move-form").count() == 0  # done is final

    parks.goto(f"{live.url}/portal/dashboard")
    status = parks.locator(f'#sent tr[data-request="{request_id}"] td.status')
    assert status.get_attribute("data-status") == "done"
    assert status.inner_text().strip() == "انجام‌شده"
    parks.evaluate("document.fonts.ready.then(() => true)")
    assert parks.evaluate("document.fonts.check('16px Vazirmatn')")
    assert any(u.endswith("/static/fonts/Vazirmatn-Regular.woff2") for u in offline.seen)
    check_right_to_left(parks, tmp_path / "parks-dashboard.png")
    assert (tmp_path / "parks-dashboard.png").stat().st_size > 10_000
    assert all(u.startswith(live.url) for u in offline.seen), offline.seen


def test_wrong_token_shows_a_persian_error(portal: GraphQL, live: LiveServer, new_page: Any) -> None:
    page = new_page()
    page.goto(f"{live.url}/portal/login")
    page.fill("#token", "hmh_this-is-not-a-token")
    page.click("#sign-in")
    error = page.locator("#field-token #err-token")
    assert error.inner_text() == "توکن نامعتبر یا باطل‌شده است."
    assert page.get_attribute("#token", "aria-invalid") == "true"
    assert page.url.endswith("/portal/login")


def test_a_bad_due_date_is_shown_next_to_the_field_and_nothing_is_filed(portal: GraphQL, live: LiveServer,
                                                                       new_page: Any) -> None:  # fmt: skip
    assert portal.settings is not None
    before = sent_count(portal, "ag-parks")
    page = new_page()
    sign_in(page, live, agency_token(portal.settings, "ag-parks"))
    page.goto(f"{live.url}/portal/requests/new")
    page.fill("#receiverId", "شرکت آب و فاضلاب مشهد")
    page.fill("#subject", "درخواست با تاریخ نادرست")
    page.fill("#dueDate", "۱۴۰۴/۱۴/۴۰")
    page.click("#submit")
    error = page.locator("#field-dueDate #err-dueDate")
    assert error.inner_text().startswith("تاریخ نادرست است")
    assert page.get_attribute("#dueDate", "aria-invalid") == "true"
    assert page.input_value("#dueDate") == "۱۴۰۴/۱۴/۴۰" and page.input_value("#subject") == "درخواست با تاریخ نادرست"
    # the error sits right under its own input, not somewhere else on the page
    field, err = page.locator("#dueDate").bounding_box(), error.bounding_box()
    assert 0 <= err["y"] - (field["y"] + field["height"]) < 60
    assert page.locator("#field-subject .error").count() == 0
    assert sent_count(portal, "ag-parks") == before


def test_another_agencies_request_is_the_same_404_page_as_a_missing_one(portal: GraphQL, live: LiveServer,
                                                                        new_page: Any) -> None:  # fmt: skip
    assert portal.settings is not None
    page = new_page()
    sign_in(page, live, agency_token(portal.settings, "ag-parks"))
    response = page.goto(f"{live.url}/portal/requests/rq-ict-ducts")
    assert response is not None and response.status == 404
    title, message = page.inner_text("h1"), page.inner_text("#error-message")
    assert "rq-ict-ducts" in message
    response = page.goto(f"{live.url}/portal/requests/rq-nope-xyz")
    assert response is not None and response.status == 404
    assert (page.inner_text("h1"), page.inner_text("#error-message").replace("rq-nope-xyz", "rq-ict-ducts")) == (title, message)
