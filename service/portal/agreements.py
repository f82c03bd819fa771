"""The portal's agreement pages: an agency's agreements, and one agreement with the steps open to it
(sign, place an order, report a delivery, accept or dispute one, record or confirm a payment, move
it). Every post goes through the same use cases as GraphQL, checks the CSRF field first and
redirects (303) on success; a refusal is shown in the page's language beside the form. An
agreement the agency is no party to is the same 404 page as one that does not exist."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from service.domain.agreement import MOVES, OPEN, STEPS, Side, StepIn, is_late, side_ids
from service.domain.enums import AgreementStatus as A, StepKind, StepStatus as S
from service.errors import ServiceError, from_validation
from service.portal.auth import PortalRoute, Session, current_session, error_page
from service.portal.dashboard import Reader
from service.portal.i18n import name_of, t
from service.portal.render import lang_of, render
from service.registry import agreement_steps as steps, agreements as a
from service.registry.clock import today_iso
from service.registry.specs import AGENCY, AGREEMENT
from service.storage.port import Row
from service.text.jalali import DateError, business_date

router = APIRouter(prefix="/portal/agreements", route_class=PortalRoute, include_in_schema=False)
ADD = {"order": StepKind.ORDER, "performance": StepKind.PERFORMANCE, "settlement": StepKind.SETTLEMENT}


def today(request: Request) -> str:
    return request.app.state.settings.today or today_iso()


async def _names(session: Session, lang: Any, ids: set[str]) -> dict[str, str]:
    found = await session.repo.get_many(AGENCY, sorted(ids))
    return {i: name_of(lang, found.get(i), i) for i in ids}


def awaiting(me: str | None, row: Row, rows: list[Row]) -> int:
    """Steps of one agreement that await this agency's answer (its signature on a draft included)."""
    answers = sum(1 for s in rows if me in (s.get("answerIds") or []) and S(s["status"]) in OPEN and A(row["status"]) in STEPS[StepKind(s["kind"])].during)
    return answers + (1 if row["status"] == A.DRAFT.value and me not in (row.get("signedIds") or []) else 0)


async def awaiting_count(repo: Any, me: str | None) -> int:
    """For the navigation bar: everything under this agency's agreements that awaits its answer."""
    rows = await repo.page(AGREEMENT, filters={}, limit=500)
    found = await steps.load_steps(repo, [r["id"] for r in rows]) if rows else {}
    return sum(awaiting(me, r, found.get(r["id"], [])) for r in rows)


@router.get("")
async def agreement_list(request: Request) -> Response:
    session = await current_session(request)
    if session is None:
        return RedirectResponse("/portal/login", status_code=303)
    lang, me = lang_of(request), session.actor.agency_id
    rows = await session.repo.page(AGREEMENT, filters={}, sort="signed", desc=True, limit=500)
    all_steps = await steps.load_steps(session.repo, [r["id"] for r in rows]) if rows else {}
    names = await _names(session, lang, {x for r in rows for x in (*r["providerIds"], *r["receiverIds"])})
    items = [{"row": r, "late": is_late(r, all_steps.get(r["id"], []), today(request)), "awaiting": awaiting(me, r, all_steps.get(r["id"], []))}
             for r in rows]  # fmt: skip
    counts = await Reader(session.repo, session.actor, request.app.state.settings).counts()
    context = session.context(request) | {"items": items, "names": names, "counts": counts}
    return render(request, "agreements.html", context)


def _options(session: Session, row: Row, rows: list[Row]) -> dict[str, Any]:
    """What this agency may do now: the forms the page shows (the use cases check again on post)."""
    me, status = session.actor.agency_id, A(row["status"])
    on = {side for side in Side if me in side_ids(row, side)}
    adds = [k for k, kind in ADD.items() if STEPS[kind].by in on and status in STEPS[kind].during]
    answers = [(s, [x.value for x, side in STEPS[StepKind(s["kind"])].answers.items() if side in on])
               for s in rows if S(s["status"]) in OPEN and me in (s.get("answerIds") or []) and status in STEPS[StepKind(s["kind"])].during]  # fmt: skip
    return {"sign": status == A.DRAFT and me not in (row.get("signedIds") or []),
            "moves": [to.value for to, side in MOVES[status].items() if side in on], "adds": adds, "answers": answers,
            "orders": [s for s in rows if s["kind"] == "order" and s["status"] == "accepted"],
            "deliveries": [s for s in rows if s["kind"] == "performance" and s["status"] == "accepted"]}  # fmt: skip


async def agreement_page(request: Request, session: Session, ident: str, error: str | None = None, status: int = 200) -> Response:
    lang = lang_of(request)
    row = await session.repo.get(AGREEMENT, ident)  # NOT_FOUND (a 404 page) for a non-party as for a missing one
    rows = (await steps.load_steps(session.repo, [ident])).get(ident, [])
    names = await _names(session, lang, {*row["providerIds"], *row["receiverIds"]})
    context = session.context(request) | {
        "row": row, "steps": rows, "names": names, "late": is_late(row, rows, today(request)), "error": error,
        "history": (await a.history(session.repo, [ident])).get(ident, []), "can": _options(session, row, rows),
        "flash": t(lang, "done_agreement") if request.query_params.get("flash") == "done_agreement" else None,
        "counts": await Reader(session.repo, session.actor, request.app.state.settings).counts(),
    }  # fmt: skip
    return render(request, "agreement.html", context, status=status)


@router.get("/{ident}")
async def show(request: Request, ident: str) -> Response:
    session = await current_session(request)
    if session is None:
        return RedirectResponse("/portal/login", status_code=303)
    return await agreement_page(request, session, ident)


def _day(value: object, request: Request) -> str:
    text = str(value or "").strip()
    if not text:
        return today(request)
    try:
        return business_date(text).isoformat()
    except (DateError, ValueError):
        raise ServiceError("VALIDATION", f"not a date: {text!r}", "تاریخ نادرست است (نمونه: ۱۴۰۵/۰۹/۰۹)", field="on") from None


@router.post("/{ident}/act")
async def act(request: Request, ident: str) -> Response:
    session = await current_session(request)
    if session is None:
        return RedirectResponse("/portal/login", status_code=303)
    lang = lang_of(request)
    posted = await request.form()
    if not session.csrf_ok(posted.get("csrf")):
        return error_page(request, 403, t(lang, "csrf"), "forbidden")
    await session.repo.get(AGREEMENT, ident)  # a non-party's post is the same 404 as a missing agreement's
    action, repo, actor = str(posted.get("action") or ""), session.repo, session.actor
    version = str(posted.get("version") or "")
    expected = int(version) if version.isdigit() else None
    try:
        if action == "sign":
            await a.sign_agreement(repo, ident, actor, _day(posted.get("on"), request), expected_version=expected)
        elif action == "move":
            await a.move_agreement(repo, ident, A(str(posted.get("to") or "")), actor, _day(posted.get("on"), request),
                                   str(posted.get("comment") or "").strip() or None, expected_version=expected)  # fmt: skip
        elif action in ADD:
            fields = {k: str(posted.get(k) or "").strip() or None for k in ("titleFa", "valueRials", "on", "dueDate", "refId")}
            data = StepIn.model_validate({"kind": ADD[action].value, **{k: v for k, v in fields.items() if v is not None}})
            await steps.add_step(repo, ident, data, actor, today(request), expected_version=expected)
        elif action == "answer":
            await steps.answer_step(repo, ident, str(posted.get("stepId") or ""), S(str(posted.get("answer") or "")), actor,
                                    _day(posted.get("on"), request), str(posted.get("reason") or "").strip() or None)  # fmt: skip
        else:
            return await agreement_page(request, session, ident, t(lang, "pick_action"), 422)
    except ValueError as exc:  # an unknown status or answer in the form, or pydantic's refusal
        error = from_validation(exc) if isinstance(exc, ValidationError) else None
        message = (error.message_en if lang == "en" else error.message_fa) if error else t(lang, "pick_action")
        return await agreement_page(request, session, ident, message, 422)
    except ServiceError as exc:
        if exc.code == "NOT_FOUND" and exc.field is None:
            raise
        return await agreement_page(request, session, ident, exc.message_en if lang == "en" else exc.message_fa, exc.status)
    return RedirectResponse(f"/portal/agreements/{ident}?flash=done_agreement", status_code=303)
