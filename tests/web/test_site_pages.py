"""Pages answer a browser as pages: a landing page per role, /signin for a missing session, Persian
error pages with the navigation bar, sign-out, a favicon; API clients keep their JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import browser_page, needs_chromium
from tests.conftest import GraphQL
from tests.web.look import look, shoot

HTML = {"accept": "text/html,application/xhtml+xml"}


def _signed_in(demo: GraphQL):  # type: ignore[no-untyped-def]
    ok = demo.client.post("/signin", data={"token": demo.token, "next": "/"}, follow_redirects=False)
    assert ok.status_code == 303
    return type(demo.client)(base_url=demo.client.base_url, cookies={"hmh_viewer": ok.cookies["hmh_viewer"]})


def test_a_browser_without_a_session_is_sent_to_signin(demo: GraphQL) -> None:
    for path in ("/graph?kind=district", "/matrix/followup", "/graph/overlay/winwin"):
        response = demo.client.get(path, headers=HTML, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/signin?next=" + path.split("?")[0]), response.headers["location"]
    api = demo.client.get("/graph")  # no Accept: text/html: an API client keeps its JSON 401
    assert api.status_code == 401 and api.json()["error"]["code"] == "UNAUTHENTICATED"


def test_signin_returns_to_the_page_asked_for_and_only_to_this_site(demo: GraphQL) -> None:
    back = demo.client.post("/signin", data={"token": demo.token, "next": "/matrix/followup"}, follow_redirects=False)
    assert back.headers["location"] == "/matrix/followup"
    for evil in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        away = demo.client.post("/signin", data={"token": demo.token, "next": evil}, follow_redirects=False)
        assert away.headers["location"] == "/", evil


def test_landing_page_per_role(demo: GraphQL) -> None:
    visitor = demo.client.get("/", headers=HTML)
    assert visitor.status_code == 200 and 'href="/signin"' in visitor.text and 'href="/portal/login"' in visitor.text
    with _signed_in(demo) as browser:
        home = browser.get("/", headers=HTML)
        assert "دبیرخانهٔ هماهنگی" in home.text and 'id="downloads"' in home.text
        assert 'href="/analyses/duplication.xlsx"' in home.text and 'href="/matrix/followup.png"' in home.text
    analyst = demo.as_role("analyst")
    ok = demo.client.post("/signin", data={"token": analyst.token}, follow_redirects=False)
    with type(demo.client)(base_url=demo.client.base_url, cookies={"hmh_viewer": ok.cookies["hmh_viewer"]}) as browser:
        assert "تحلیلگر" in browser.get("/", headers=HTML).text


def test_errors_are_persian_pages_for_browsers_and_json_for_clients(demo: GraphQL) -> None:
    with _signed_in(demo) as browser:
        missing = browser.get("/graph/agency/ag-nowhere", headers=HTML)
        assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
        assert "این دستگاه پیدا نشد" in missing.text and 'class="site"' in missing.text and 'dir="rtl"' in missing.text
        unknown = browser.get("/no/such/page", headers=HTML)
        assert unknown.status_code == 404 and "این نشانی در هماهنگ نیست" in unknown.text
        bad = browser.get("/graph/agency/ag-parks?hops=9", headers=HTML)
        assert bad.status_code == 422 and "پارامتر نادرستی" in bad.text and "hops" in bad.text
    assert demo.get("/graph/agency/ag-parks?hops=9").json()["detail"][0]["loc"][-1] == "hops"  # API clients: JSON
    parks = demo.as_role("agency", "ag-parks")
    assert parks.get("/graph/agency/ag-nowhere").status_code == 403  # agencies may not read these pages
    assert demo.get("/graph/agency/ag-nowhere").json()["error"]["code"] == "NOT_FOUND"
    assert demo.client.get("/no/such/page").json() == {"detail": "Not Found"}


def test_sign_out_forgets_the_session(demo: GraphQL) -> None:
    with _signed_in(demo) as browser:
        assert browser.get("/graph/agency/ag-parks", headers=HTML).status_code == 200
        out = browser.post("/signout", follow_redirects=False)
        assert out.status_code == 303 and out.headers["location"].startswith("/signin")
        browser.cookies.clear()
        browser.cookies.update(out.cookies)
        assert browser.get("/graph/agency/ag-parks", headers=HTML, follow_redirects=False).status_code == 303


def test_favicon(demo: GraphQL) -> None:
    icon = demo.client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"] == "image/x-icon" and icon.content[:4] == b"\0\0\1\0"


@needs_chromium
@pytest.mark.parametrize("width", [1280, 390])
def test_pages_as_a_person_sees_them(demo: GraphQL, tmp_path: Path, width: int) -> None:
    """Sign in from the redirect, walk the bar's pages: Persian, right to left, Vazirmatn really
    loaded, no horizontal overflow, no console errors (the favicon's 404 was one), nothing off-site."""
    base = str(demo.client.base_url)
    with browser_page(base, width=width, height=900) as (page, traffic):
        page.goto(base + "/matrix/followup")
        assert page.url.startswith(base + "/signin?next=")
        seen = look(page)
        assert seen["direction"] == "rtl" and "ورود" in seen["text"] and seen["vazirmatnLoaded"], seen
        assert seen["scrollWidth"] <= seen["width"], f"signin overflows: {seen['scrollWidth']} > {seen['width']}"
        shoot(page, tmp_path, f"signin-{width}")
        page.fill("input[name=token]", demo.token)
        page.click("button[type=submit]")
        page.wait_for_url(base + "/matrix/followup")
        for path, words in (("/", "دریافت تحلیل‌ها"), ("/matrix/followup", "ماتریس درخواست‌های باز"), ("/graph", "جست‌وجو"),
                            ("/graph/agency/ag-nowhere", "این دستگاه پیدا نشد"), ("/nowhere", "پیدا نشد")):  # fmt: skip
            page.goto(base + path)
            if path == "/graph":
                page.wait_for_function("() => window.hamahangStable === true", timeout=90_000)
                # a phone: agencies are dots named on zoom (300 name boxes covered the picture), the layers folded
                folded = page.evaluate("() => !document.querySelector('details.hh-layers').open")
                boxes = page.evaluate("() => nodes.get({filter: function (n) { return n.shape === 'box'; }}).length")
                assert (folded, boxes == 0) == ((True, True) if width < 600 else (False, False)), (width, folded, boxes)
            seen = look(page)
            name = path.strip("/").replace("/", "-") or "home"
            shoot(page, tmp_path, f"{name}-{width}")
            assert words in seen["text"] and seen["nav"], (path, seen["text"][:200])
            assert seen["direction"] == "rtl" and seen["lang"] == "fa" and seen["vazirmatnLoaded"], (path, seen)
            if not path.startswith("/matrix"):  # the heatmap scrolls inside its own box
                assert seen["scrollWidth"] <= seen["width"], f"{path} overflows at {width}px: {seen['scrollWidth']}"
        page.click("#sign-out")
        page.wait_for_url("**/signin?out=1")
        assert "خارج شدید" in look(page)["text"]
        assert traffic.blocked == [], traffic.blocked
        errors = [e for e in traffic.errors if "404" not in e]  # the two error pages answer 404 on purpose
        assert errors == [], traffic.errors
