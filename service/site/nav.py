"""The navigation bar of the analyst pages (graph, overlays, matrices, downloads, portal, GraphiQL).

One function so every page (pyvis networks, heatmaps, the landing page, error pages) carries the
same bar; its look lives in /static/hamahang.css (``nav.site``).
"""

from __future__ import annotations

import html

LINKS: tuple[tuple[str, str], ...] = (
    ("/", "خانه"),
    ("/graph", "شبکهٔ دستگاه‌ها"),
    ("/graph/overlay/duplication", "موازی‌کاری"),
    ("/graph/overlay/winwin", "برد-برد"),
    ("/matrix/duplication", "ماتریس موازی‌کاری"),
    ("/matrix/winwin", "ماتریس برد-برد"),
    ("/matrix/followup", "ماتریس پیگیری"),
    ("/matrix/collaboration", "ماتریس مبادلات"),
    ("/matrix/spend", "هزینهٔ موازی‌کاری"),
    ("/#downloads", "دریافت تحلیل‌ها"),
    ("/portal", "درگاه دستگاه‌ها"),
    ("/graphql", "GraphiQL"),
)


def nav_bar(current: str = "", signed_in: bool = True) -> str:
    """``<nav class="site">`` with the current page marked (aria-current) and a sign-out button."""
    links = []
    for href, label in LINKS if signed_in else (LINKS[0], ("/signin", "ورود تحلیلگران"), ("/portal", "درگاه دستگاه‌ها")):
        here = ' aria-current="page"' if href == current else ""
        links.append(f'<a href="{href}"{here}>{html.escape(label)}</a>')
    out = ('<form method="post" action="/signout" class="signout"><button type="submit" id="sign-out">خروج</button></form>'
           if signed_in else "")  # fmt: skip
    return (f'<nav class="site" aria-label="پیمایش"><a class="brand" href="/"><img src="/static/logo.svg" alt="" width="20" height="20">'
            f'هماهنگ</a>{"".join(links)}{out}</nav>')  # fmt: skip
