"""/notifications: a directorate user's (or analyst's) inbox in the site's frame, in Persian by default.

It reads with the signed-in browser's token through the same View as GraphQL (each directorate token
has its own inbox); like every page signed in at /signin it only reads: marking read is GraphQL's
``markNotificationsRead``. Agency staff have theirs in the portal (/portal/inbox).
"""

from __future__ import annotations

import html

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from service.api.signin import viewer_actor
from service.auth.policy import View
from service.domain.actor import Role
from service.notify.inbox import Inbox
from service.pictures.words import jdate, num
from service.site.errors import page, to_signin
from service.site.lang import lang_of
from service.site.words import say

router = APIRouter(include_in_schema=False)
LIMIT = 200


@router.get("/notifications")
async def notifications(request: Request, unread: int = 0) -> Response:
    actor = await viewer_actor(request)
    if actor is None:
        return to_signin(request)
    if actor.role == Role.AGENCY:
        return RedirectResponse("/portal/inbox", status_code=303)
    lang = lang_of(request)

    def w(key: str, **fmt: object) -> str:
        return html.escape(say(lang, key, **fmt))

    inbox = Inbox(request.app.state.runtime.store, View(actor, request.app.state.settings.shared_with_agencies))
    total, unread_n = await inbox.counts()
    rows = await inbox.page(unread_only=bool(unread), limit=LIMIT)
    items = "".join(
        f'<tr id="n-{html.escape(r["id"])}" class="{"unread" if not r.get("readAt") else "read"}" data-kind="{html.escape(r["kind"])}">'
        f'<td>{html.escape(jdate(str(r.get("createdAt") or "")[:10], lang))}</td><td>{w("k_" + r["kind"])}</td>'
        f'<td>{"<strong>" + w("n_new") + "</strong> " if not r.get("readAt") else ""}'
        + (f'<a href="{html.escape(r["link"])}">' if r.get("link") else "")
        + html.escape(str(r.get("titleEn" if lang == "en" else "titleFa") or ""))
        + ("</a>" if r.get("link") else "") + "</td></tr>"
        for r in rows
    )  # fmt: skip
    table = (f'<div class="table-wrap"><table id="inbox"><thead><tr><th>{w("n_when")}</th><th>{w("n_kind")}</th><th>{w("n_what")}</th></tr></thead>'
             f"<tbody>{items}</tbody></table></div>" if rows else f'<p id="empty">{w("n_none")}</p>')  # fmt: skip
    count = w("n_unread", n=num(unread_n, lang=lang), total=num(total, lang=lang))
    switch = (f'<p><a href="/notifications" id="show-all">{w("n_all")}</a> · <a href="/notifications?unread=1" id="show-unread">{w("n_only_unread")}</a></p>')
    body = (f'<h1>{w("n_h1")}</h1><p id="unread-count" data-unread="{unread_n}">{count}</p>{switch}{table}'
            f'<p class="muted">{w("n_mark_hint") if inbox.recipients else w("n_no_inbox")}</p>')  # fmt: skip
    return page(say(lang, "n_h1"), body, current="/notifications", request=request)
