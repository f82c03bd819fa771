"""The portal's draft-agreement form: an agency records an agreement it is a party to (its side,
the other party by name, kind, value, period, terms); the other party then signs it in its portal.
The same use case as GraphQL's ``createAgreement``; refusals are shown beside the form."""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import APIRouter
from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from service.domain.agreement import AgreementIn
from service.domain.enums import AgreementKind
from service.errors import ServiceError, from_validation
from service.portal.auth import PortalRoute, Session, current_session, error_page
from service.portal.dashboard import Reader
from service.portal.i18n import name_of, t
from service.portal.render import lang_of, render
from service.registry import agreements as a
from service.text.names import find_agency

router = APIRouter(prefix="/portal/agreement", route_class=PortalRoute, include_in_schema=False)
FIELDS = ("titleFa", "kind", "side", "counterpart", "valueRials", "periodFrom", "periodTo", "termsFa", "contractRef")


async def _page(request: Request, session: Session, values: dict[str, str], error: str | None = None, status: int = 200) -> Response:
    reader = Reader(session.repo, session.actor, request.app.state.settings)
    lang = lang_of(request)
    others = [name_of(lang, r, r["id"]) for r in await reader.receivers()]
    context = session.context(request) | {"values": values, "error": error, "kinds": [k.value for k in AgreementKind],
                                          "others": others, "counts": await reader.counts(),
                                          "idem": values.get("idem") or secrets.token_urlsafe(18)}  # fmt: skip
    return render(request, "agreement_form.html", context, status=status)


@router.get("/new")
async def new(request: Request) -> Response:
    session = await current_session(request)
    if session is None:
        return RedirectResponse("/portal/login", status_code=303)
    return await _page(request, session, {"side": "provider"})


@router.post("/new")
async def create(request: Request) -> Response:
    session = await current_session(request)
    if session is None:
        return RedirectResponse("/portal/login", status_code=303)
    lang = lang_of(request)
    posted = await request.form()
    if not session.csrf_ok(posted.get("csrf")):
        return error_page(request, 403, t(lang, "csrf"), "forbidden")
    values = {k: str(posted.get(k) or "").strip() for k in (*FIELDS, "idem")}
    reader = Reader(session.repo, session.actor, request.app.state.settings)
    names = {r["id"]: name_of(lang, r, r["id"]) for r in await reader.receivers()}
    other, problem = find_agency(values["counterpart"], names, lang) if values["counterpart"] else (None, t(lang, "pick_counterpart"))
    if other is None:
        return await _page(request, session, values, problem, 422)
    me = str(session.actor.agency_id)
    sides = ([me], [other]) if values["side"] == "provider" else ([other], [me])
    data: dict[str, Any] = {k: values[k] for k in ("titleFa", "kind", "valueRials", "periodFrom", "periodTo", "termsFa", "contractRef") if values[k]}
    try:
        row = await a.create_agreement(session.repo, AgreementIn.model_validate(data | {"providerIds": sides[0], "receiverIds": sides[1]}),
                                       session.actor, values["idem"] or None)  # fmt: skip
    except ValidationError as exc:
        error = from_validation(exc)
        return await _page(request, session, values, error.message_en if lang == "en" else error.message_fa, 422)
    except ServiceError as exc:
        return await _page(request, session, values, exc.message_en if lang == "en" else exc.message_fa, exc.status)
    return RedirectResponse(f"/portal/agreements/{row['id']}?flash=done_agreement", status_code=303)
