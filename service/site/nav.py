"""The navigation bar of the analyst pages (graph, overlays, matrices, downloads, portal, GraphiQL).

One function so every page (pyvis networks, heatmaps, the landing page, error pages) carries the
same bar, with the language switch; its look lives in /static/hamahang.css (``nav.site``).
"""

from __future__ import annotations

import html

from service.site.lang import Lang
from service.site.words import say

LINKS: tuple[tuple[str, str], ...] = (
    ("/", "nav_home"),
    ("/graph", "nav_graph"),
    ("/graph/overlay/duplication", "nav_dup"),
    ("/graph/overlay/winwin", "nav_winwin"),
    ("/graph/overlay/agreements", "nav_agreements"),  # branch agree
    ("/matrix/duplication", "nav_m_duplication"),
    ("/matrix/winwin", "nav_m_winwin"),
    ("/matrix/followup", "nav_m_followup"),
    ("/matrix/collaboration", "nav_m_collaboration"),
    ("/matrix/spend", "nav_m_spend"),
    ("/plans", "nav_plans"),
    ("/intake", "nav_intake"),
    ("/catalogue", "nav_catalogue"),
    ("/stakeholders/grid", "nav_stake"),  # #19.3
    ("/#downloads", "nav_downloads"),
    ("/notifications", "nav_notifications"),
    ("/portal", "nav_portal"),
    ("/graphql", ""),
)


def nav_bar(current: str = "", signed_in: bool = True, lang: Lang = "fa", switch: str = "") -> str:
    """``<nav class="site">`` with the current page marked (aria-current), the language switch
    (``switch``: this page in the other language) and a sign-out button."""
    links = []
    chosen = LINKS if signed_in else (LINKS[0], ("/signin", "nav_signin"), ("/portal", "nav_portal"))
    for href, key in chosen:
        here = ' aria-current="page"' if href == current else ""
        label = say(lang, key) if key else "GraphiQL"
        links.append(f'<a href="{href}"{here}>{html.escape(label)}</a>')
    other = "fa" if lang == "en" else "en"
    target = switch or f"{current or '/'}?lang={other}"
    links.append(f'<a href="{html.escape(target)}" id="lang-switch" lang="{other}" hreflang="{other}">{say(lang, "switch")}</a>')
    out = (f'<form method="post" action="/signout" class="signout"><button type="submit" id="sign-out">{say(lang, "sign_out")}</button></form>'
           if signed_in else "")  # fmt: skip
    return (f'<nav class="site" aria-label="{say(lang, "nav_label")}"><a class="brand" href="/"><img src="/static/logo.svg" alt="" width="20" height="20">'
            f'{say(lang, "brand")}</a>{"".join(links)}{out}</nav>')  # fmt: skip
