"""Browser requests get pages, API clients get JSON: 401 sends a browser to /signin, and every
other error is a Persian page (with the English beside it) that keeps the navigation bar."""

from __future__ import annotations

import html
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from service.site.nav import nav_bar

TITLES = {400: "درخواست نادرست", 401: "ورود لازم است", 403: "دسترسی ندارید", 404: "پیدا نشد",
          405: "این کار اینجا ممکن نیست", 422: "ورودی نادرست", 503: "سامانه در دسترس نیست"}  # fmt: skip
API_PREFIXES = ("/graphql", "/static/", "/portal", "/healthz", "/readyz", "/openapi.json")


def wants_page(request: Request) -> bool:
    """A person's browser asking for a page (GET, HTML accepted) outside the API and the portal."""
    return (
        request.method == "GET"
        and "text/html" in request.headers.get("accept", "")
        and not request.url.path.startswith(API_PREFIXES)
    )


def page(title: str, body: str, current: str = "", signed_in: bool = True, status: int = 200, head: str = "") -> HTMLResponse:
    """A whole page in the site's frame: Persian, right to left, the bar on top."""
    return HTMLResponse(
        f"""<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{html.escape(title)} — هماهنگ</title>
<link rel="icon" href="/favicon.ico"><link rel="stylesheet" href="/static/hamahang.css">{head}</head>
<body>{nav_bar(current, signed_in)}<main>{body}</main></body></html>""",
        status_code=status,
    )


def to_signin(request: Request) -> RedirectResponse:
    """Back here after signing in (only a path on this site travels in ``next``)."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/signin?next={quote(target, safe='/')}", status_code=303)


def error_page(request: Request, status: int, message_fa: str, message_en: str) -> Response:
    if status == 401:
        return to_signin(request)
    title = TITLES.get(status, "خطا")
    signed_in = "hmh_viewer" in request.cookies
    body = (f'<h1>{html.escape(title)}</h1><p class="alert" role="alert" id="error-message">{html.escape(message_fa)}</p>'
            f'<p class="muted" lang="en" dir="ltr" id="error-english">{html.escape(message_en)}</p>'
            '<p><a href="/">بازگشت به صفحهٔ نخست</a></p>')  # fmt: skip
    return page(title, body, signed_in=signed_in, status=status)
