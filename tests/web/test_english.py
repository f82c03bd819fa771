"""The analyst pages in English: ``?lang=en`` (the portal's switch, one cookie for the whole site)
turns the landing page, the bar, the matrices, sign-in and error pages English, left to right,
with Latin digits; Persian stays the default."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser import browser_page, needs_chromium
from tests.conftest import GraphQL
from tests.web.look import look, shoot

HTML = {"accept": "text/html,application/xhtml+xml"}
PERSIAN = re.compile(r"[\u0600-\u06ff]")

# innerText of the page without the language switch (it names the other language in that
# language) and without agency/record names that have no English form (marked by lang="fa")
ENGLISH_TEXT = """() => {
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll('#lang-switch, [lang=fa]').forEach(e => e.remove());
  document.body.appendChild(copy); copy.style.position = 'absolute';
  const text = copy.innerText; copy.remove(); return text;
}"""


def _viewer(demo: GraphQL, lang: str = "fa"):  # type: ignore[no-untyped-def]
    ok = demo.client.post("/signin", data={"token": demo.token, "next": "/"}, follow_redirects=False)
    return type(demo.client)(base_url=demo.client.base_url, cookies={"hmh_viewer": ok.cookies["hmh_viewer"], "hmh_lang": lang})


def test_lang_query_switches_and_is_remembered_for_the_whole_site(demo: GraphQL) -> None:
    with type(demo.client)(base_url=demo.client.base_url) as fresh:  # demo.client keeps cookies: leave it Persian
        first = fresh.get("/?lang=en", headers=HTML)
    assert first.status_code == 200 and '<html lang="en" dir="ltr">' in first.text
    assert "Agency staff" in first.text and not PERSIAN.search(first.text.replace("فارسی", ""))
    cookie = first.headers["set-cookie"]
    assert "hmh_lang=en" in cookie and "Path=/;" in cookie, cookie  # not only /portal: one choice for the site
    with type(demo.client)(base_url=demo.client.base_url, cookies={"hmh_lang": "en"}) as browser:
        assert '<html lang="en"' in browser.get("/signin", headers=HTML).text
        assert 'lang="en"' in browser.get("/portal/login", headers=HTML).text  # the portal reads the same cookie
    default = demo.client.get("/", headers=HTML)
    assert '<html lang="fa" dir="rtl">' in default.text and "کارکنان دستگاه‌ها" in default.text


def test_english_landing_matrix_and_error_pages(demo: GraphQL) -> None:
    with _viewer(demo, "en") as browser:
        home = browser.get("/", headers=HTML).text
        assert "Signed in as coordination directorate" in home and "Download analyses" in home
        assert 'id="lang-switch"' in home and 'href="/?lang=fa"' in home
        matrix = browser.get("/matrix/followup", headers=HTML).text
        assert '<html lang="en" dir="ltr">' in matrix and "Open-requests matrix" in matrix
        assert "Point at a cell to see its evidence." in matrix and "دستگاه" not in matrix.split("<main>")[0].replace("فارسی", "")
        assert re.search(r"\d+ agencies", matrix)
        missing = browser.get("/graph/agency/ag-nowhere", headers=HTML)
        assert missing.status_code == 404 and '<html lang="en" dir="ltr">' in missing.text
        assert "<h1>Not found</h1>" in missing.text and "Back to the home page" in missing.text
        assert "این دستگاه پیدا نشد" not in missing.text
    with _viewer(demo, "fa") as browser:
        matrix = browser.get("/matrix/followup", headers=HTML).text
        assert '<html lang="fa" dir="rtl">' in matrix and "ماتریس درخواست‌های باز" in matrix


@needs_chromium
def test_english_pages_in_chromium(demo: GraphQL, tmp_path: Path) -> None:
    """At phone width: English, left to right, no Persian UI text, no overflow, no console errors."""
    base = str(demo.client.base_url)
    with browser_page(base, width=390, height=900) as (page, traffic):
        page.goto(base + "/?lang=en")
        page.click("#enter-analyst")
        page.fill("input[name=token]", demo.token)
        page.click("button[type=submit]")
        page.wait_for_url(base + "/")
        for path in ("/", "/matrix/duplication", "/matrix/followup", "/matrix/collaboration", "/matrix/spend", "/nowhere"):
            page.goto(base + path)
            seen = look(page)
            name = path.strip("/").replace("/", "-") or "home"
            shoot(page, tmp_path, f"en-{name}")
            assert seen["lang"] == "en" and seen["direction"] == "ltr" and seen["nav"], (path, seen["lang"])
            text = page.evaluate(ENGLISH_TEXT)
            assert not PERSIAN.search(text), (path, PERSIAN.findall(text)[:20], text[:400])
            if not path.startswith("/matrix"):  # the heatmap scrolls inside its own box
                assert seen["scrollWidth"] <= seen["width"], f"{path} overflows: {seen['scrollWidth']}"
        page.goto(base + "/matrix/followup")
        page.locator("rect.cell").first.hover()
        detail = page.inner_text("#detail")
        assert detail.startswith("From ") and "Request" in detail, detail
        page.click("#lang-switch")
        page.wait_for_url("**/matrix/followup?lang=fa")
        assert look(page)["direction"] == "rtl"
        assert traffic.blocked == [], traffic.blocked
        assert [e for e in traffic.errors if "404" not in e] == [], traffic.errors


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_matrix_svg_speaks_the_page_language(demo: GraphQL, lang: str) -> None:
    with _viewer(demo, lang) as browser:
        svg = browser.get("/matrix/followup.svg").text
    assert ("ماتریس درخواست‌های باز" in svg) == (lang == "fa")
    assert ("Open-requests matrix" in svg) == (lang == "en")


@needs_chromium
def test_english_explorer_in_chromium(demo: GraphQL, tmp_path: Path) -> None:
    """/graph and an agency's neighbourhood in English: controls, legend, side panel and counts."""
    base = str(demo.client.base_url)
    with browser_page(base, token=demo.token, width=390, height=900) as (page, traffic):
        for path in ("/graph?lang=en", "/graph/agency/ag-parks", "/graph/overlay/duplication", "/graph/overlay/winwin"):
            page.goto(base + path)
            page.wait_for_function("() => window.hamahangStable === true", timeout=90_000)
            seen = look(page)
            assert seen["lang"] == "en" and seen["direction"] == "ltr", (path, seen["lang"])
            assert seen["scrollWidth"] <= seen["width"], f"{path} overflows: {seen['scrollWidth']}"
            page.evaluate("() => { const n = window.hamahangNetwork; n.selectNodes([Object.keys(JSON.parse("
                          "document.getElementById('hh-data').textContent).nodes)[0]]); }")
            shoot(page, tmp_path, "en-" + path.strip("/").split("?")[0].replace("/", "-"))
            text = page.evaluate(ENGLISH_TEXT)
            assert not PERSIAN.search(text), (path, PERSIAN.findall(text)[:20], text[:600])
            assert re.search(r"\d+ nodes and \d+ edges", text), text[:300]
        assert [e for e in traffic.errors if "404" not in e] == [], traffic.errors
        page.goto(base + "/graph?year_from=13")  # a bad filter: the form again, its error in English
        text = page.evaluate(ENGLISH_TEXT)
        assert "Write the Jalali year with four digits" in text and not PERSIAN.search(text), text[:600]
        shoot(page, tmp_path, "en-graph-bad-filter")
