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


def safe_next(value: str | None) -> str:
    """Only a path on this site ("/graph?kind=x"), never "//elsewhere" or "https://…"."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


def _page(request: Request, message: str = "", status: int = 200, next_url: str = "/", note: str = "") -> HTMLResponse:
    from service.site.errors import page
    from service.site.lang import lang_of
    from service.site.words import say

    lang = lang_of(request)
    error = f'<p class="alert" role="alert" id="signin-error">{html.escape(say(lang, message))}</p>' if message else ""
    done = f'<p class="flash" role="status">{html.escape(say(lang, note))}</p>' if note else ""
    body = f"""<h1>{say(lang, "signin_h1")}</h1>{done}
<p class="muted">{say(lang, "signin_who")} <a href="/portal">{say(lang, "nav_portal")}</a></p>
{error}<form method="post" action="/signin" class="signin"><input type="hidden" name="next" value="{html.escape(next_url)}">
<label>{say(lang, "signin_token")} <input name="token" type="password" autocomplete="off" required dir="ltr"></label>
<button type="submit" class="primary">{say(lang, "signin_button")}</button></form>"""
    return page(say(lang, "nav_signin"), body, signed_in=False, status=status, request=request)


@router.get("/signin", response_class=HTMLResponse)
async def form(request: Request) -> HTMLResponse:
    note = "signed_out" if request.query_params.get("out") else ""
    return _page(request, next_url=safe_next(request.query_params.get("next")), note=note)


@router.post("/signin")
async def sign_in(request: Request, token: str = Form(""), next: str = Form("/")) -> Response:
    target = safe_next(next)
    actor = await resolve(request.app.state.runtime.store, token.strip())
    if actor is None:
        return _page(request, "bad_token", status=401, next_url=target)
    if actor.role not in (Role.DIRECTORATE, Role.ANALYST):
        return _page(request, "not_analyst", status=403)
    key = sessions.secret_of(request)
    cookie, _ = sessions.new_session(key, token.strip(), sessions.VIEWER)
    response = RedirectResponse(target, status_code=303)
    sessions.set_cookie(request, response, VIEWER_COOKIE, cookie, sessions.SESSION_SECONDS, path="/")
    return response


async def viewer_actor(request: Request) -> Actor | None:
    """The actor of a signed-in browser, or None (deps.get_actor falls back to it)."""
    data = sessions.unseal(sessions.secret_of(request), sessions.VIEWER, request.cookies.get(VIEWER_COOKIE))
    if data is None:
        return None
    return await sessions.actor_for_digest(request.app.state.runtime.store, str(data["d"]))
