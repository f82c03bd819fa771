"""Browser requests get pages, API clients get JSON: 401 sends a browser to /signin, and every
other error is a page that keeps the navigation bar: Persian with the English beside it, or
English alone when the user chose English."""

from __future__ import annotations

import html
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from service.site.lang import direction, lang_of, remember, switch_url
from service.site.nav import nav_bar
from service.site.words import say

TITLES = (400, 401, 403, 404, 405, 422, 503)  # each has its words in service/site/words.py (e<status>)
API_PREFIXES = ("/graphql", "/static/", "/portal", "/healthz", "/readyz", "/openapi.json")


def wants_page(request: Request) -> bool:
    """A person's browser asking for a page (GET, HTML accepted) outside the API and the portal."""
    return (
        getattr(request, "method", None) == "GET"  # a WebSocket's handshake has none
        and "text/html" in request.headers.get("accept", "")
        and not request.url.path.startswith(API_PREFIXES)
    )


def page(title: str, body: str, current: str = "", signed_in: bool = True, status: int = 200, head: str = "",
         request: Request | None = None) -> HTMLResponse:  # fmt: skip
    """A whole page in the site's frame, the bar on top: in the request's language (Persian, right
    to left, by default; ``body`` and ``title`` come already in that language)."""
    lang = lang_of(request) if request is not None else "fa"
    switch = switch_url(request, lang) if request is not None else ""
    response = HTMLResponse(
        f"""<!doctype html><html lang="{lang}" dir="{direction(lang)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{html.escape(title)} — {say(lang, "brand")}</title>
<link rel="icon" href="/favicon.ico"><link rel="stylesheet" href="/static/hamahang.css">{head}</head>
<body>{nav_bar(current, signed_in, lang, switch)}<main>{body}</main></body></html>""",
        status_code=status,
    )
    return remember(request, response) if request is not None else response


def to_signin(request: Request) -> RedirectResponse:
    """Back here after signing in (only a path on this site travels in ``next``)."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/signin?next={quote(target, safe='/')}", status_code=303)


def error_page(request: Request, status: int, message_fa: str, message_en: str) -> Response:
    if status == 401:
        return to_signin(request)
    lang = lang_of(request)
    title = say(lang, f"e{status}" if status in TITLES else "error")
    signed_in = "hmh_viewer" in request.cookies
    english = (f'<p class="muted" lang="en" dir="ltr" id="error-english">{html.escape(message_en)}</p>'
               if lang == "fa" else "")  # fmt: skip
    body = (f'<h1>{html.escape(title)}</h1><p class="alert" role="alert" id="error-message">'
            f"{html.escape(message_en if lang == 'en' else message_fa)}</p>{english}"
            f'<p><a href="/">{say(lang, "back_home")}</a></p>')  # fmt: skip
    return page(title, body, signed_in=signed_in, status=status, request=request)
