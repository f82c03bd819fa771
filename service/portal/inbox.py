"""/portal/inbox: the agency's notifications in Persian (its View's inbox, shared by its tokens),
newest first, unread ones marked; marking read posts a form with the CSRF field, like every portal
write, and redirects (303) so a reload never posts twice."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from service.notify.inbox import Inbox
from service.portal.auth import PortalRoute, current_session, error_page
from service.portal.dashboard import Reader
from service.portal.i18n import t
from service.portal.render import lang_of, render
from service.portal.router import flash_of

router = APIRouter(prefix="/portal", route_class=PortalRoute, include_in_schema=False)
LIMIT = 200


@router.get("/inbox")
async def inbox_page(request: Request, unread: int = 0) -> Response:
    session = await current_session(request)
    if session is None:
        return RedirectResponse("/portal/login", status_code=303)
    inbox = Inbox(session.repo.store, session.repo.view)
    total, unread_n = await inbox.counts()
    rows = await inbox.page(unread_only=bool(unread), limit=LIMIT)
    counts = await Reader(session.repo, session.actor, request.app.state.settings).counts()
    context = session.context(request) | {
        "rows": rows, "total": total, "unread_n": unread_n, "only_unread": bool(unread), "counts": counts, "flash": flash_of(request),
    }  # fmt: skip
    return render(request, "inbox.html", context)


@router.post("/inbox/read")
async def mark_read(request: Request) -> Response:
    session = await current_session(request)
    if session is None:
        return RedirectResponse("/portal/login", status_code=303)
    posted = await request.form()
    if not session.csrf_ok(posted.get("csrf")):
        return error_page(request, 403, t(lang_of(request), "csrf"), "forbidden")
    inbox = Inbox(session.repo.store, session.repo.view)
    ids = [str(i) for i in posted.getlist("id") if str(i)]
    if posted.get("all") == "1":
        await inbox.mark_read(None)
    elif ids:
        await inbox.mark_read(ids)  # ids of another agency's inbox match nothing
    return RedirectResponse("/portal/inbox?flash=done_read", status_code=303)
