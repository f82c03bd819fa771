"""What a person sees on a page, read in Chromium: text, direction, the font really used, overflow.

``look(page)`` answers in one evaluate; ``shoot`` saves a screenshot under the test's tmp dir and
prints where, so whoever runs the tests can open it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

LOOK = """() => {
  const body = document.body, html = document.documentElement;
  const used = [...document.fonts].filter(f => f.family.replace(/"/g, '') === 'Vazirmatn' && f.status === 'loaded');
  return {
    text: body.innerText, direction: getComputedStyle(body).direction, lang: html.lang,
    family: getComputedStyle(body).fontFamily, vazirmatnLoaded: used.length > 0,
    scrollWidth: Math.max(html.scrollWidth, body.scrollWidth), width: window.innerWidth,
    nav: !!document.querySelector('nav.site'),
  };
}"""


def look(page: Any) -> dict[str, Any]:
    page.evaluate("document.fonts.ready.then(() => true)")
    result: dict[str, Any] = page.evaluate(LOOK)
    return result


def shoot(page: Any, folder: Path, name: str) -> Path:
    """Save the whole page; on a loaded CI machine Chromium's full-page capture of a canvas page
    once sat past Playwright's 30 s (stop 13's CI, /graph at 390 px, not reproducible here), so it
    gets 90 s and, failing that, the viewport. The picture is for people to look at: what a test
    asserts comes from ``look``, not from the capture."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    path = folder / f"{name}.png"
    try:
        page.screenshot(path=str(path), full_page=True, animations="disabled", timeout=90_000)
    except PlaywrightTimeout:
        page.screenshot(path=str(path), full_page=False, animations="disabled", timeout=90_000)
        print(f"screenshot (viewport only, full page timed out): {path}")
        return path
    print(f"screenshot: {path}")
    return path
