"""Sign-in for the directorate and analysts who open the picture pages in a browser.

The cookie is a sealed session (token digest, nonce; signed and time-stamped, service/portal/session.py)
for the ``viewer`` purpose only, scoped to the whole site: a stolen cookie is not an API token and
expires, and the portal's session cookie is refused here (and this one there). Agency staff use /portal.
"""

from __future__ import annotations

import html

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from service.auth.tokens import resolve
from service.domain.actor import Actor, Role
from service.portal import session as sessions

router = APIRouter(tags=["sign-in"])
VIEWER_COOKIE = "hmh_viewer"


def _page(message: str = "", status: int = 200) -> HTMLResponse:
    error = f'<p class="error" role="alert">{html.escape(message)}</p>' if message else ""
    return HTMLResponse(
        f"""<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>ورود تحلیلگران</title>
<link rel="stylesheet" href="/static/hamahang.css"></head><body><header class="bar"><strong>هماهنگ</strong></header>
<main><h1>ورود به نگاره‌ها و ماتریس‌ها</h1><p class="muted">برای دبیرخانه و تحلیلگران؛ کارکنان دستگاه‌ها از <a href="/portal">درگاه</a> وارد شوند.</p>
{error}<form method="post" action="/signin"><label>توکن دسترسی <input name="token" type="password" autocomplete="off" required style="width:32rem"></label>
<button type="submit">ورود</button></form></main></body></html>""",
        status_code=status,
    )


@router.get("/signin", response_class=HTMLResponse)
async def form() -> HTMLResponse:
    return _page()


@router.post("/signin")
async def sign_in(request: Request, token: str = Form("")) -> Response:
    actor = await resolve(request.app.state.runtime.store, token.strip())
    if actor is None:
        return _page("توکن نامعتبر یا باطل‌شده است.", status=401)
    if actor.role not in (Role.DIRECTORATE, Role.ANALYST):
        return _page("این بخش برای دبیرخانه و تحلیلگران است؛ دستگاه‌ها از درگاه وارد شوند.", status=403)
    key = sessions.secret_of(request)
    cookie, _ = sessions.new_session(key, token.strip(), sessions.VIEWER)
    response = RedirectResponse("/graph", status_code=303)
    sessions.set_cookie(request, response, VIEWER_COOKIE, cookie, sessions.SESSION_SECONDS, path="/")
    return response


async def viewer_actor(request: Request) -> Actor | None:
    """The actor of a signed-in browser, or None (deps.get_actor falls back to it)."""
    data = sessions.unseal(sessions.secret_of(request), sessions.VIEWER, request.cookies.get(VIEWER_COOKIE))
    if data is None:
        return None
    return await sessions.actor_for_digest(request.app.state.runtime.store, str(data["d"]))
