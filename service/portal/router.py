"""The agency portal's routes under /portal: sign in, the dashboard, four forms, a request page.

Every write goes through the same use-case code as GraphQL: the pydantic input, then
policy.require_write, then Repository.create; workflow moves through move_request. Every POST
checks the CSRF field first. Successful posts redirect (303), so a reload never posts twice;
the forms also carry an idempotency key for the double click.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from service.auth.policy import require_role, require_write
from service.auth.tokens import resolve
from service.domain.actor import Role
from service.domain.enums import RequestStatus
from service.errors import ServiceError
from service.portal import session as s
from service.portal.agreements import awaiting_count
from service.portal.auth import PortalRoute, Session, current_session, error_page
from service.portal.dashboard import Reader, RequestView, moves_for, overdue
from service.portal.forms import ENUM_CHOICES, FORMS, FormSpec, FormState, build_input, read_values
from service.portal.i18n import WORDS, Lang, name_of, t
from service.portal.render import lang_of, render
from service.registry.clock import today_iso
from service.registry.requests import move_request
from service.registry.specs import REQUEST
from service.text.names import find_agency

router = APIRouter(prefix="/portal", route_class=PortalRoute, include_in_schema=False)
IDEM = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def flash_of(request: Request) -> str | None:
    """Only known message keys travel in the URL, so nothing the URL says is echoed as text."""
    key = request.query_params.get("flash", "")
    return t(lang_of(request), key) if key in WORDS and key.startswith(("done_", "signed_out")) else None


def login_page(request: Request, error: str | None = None, status: int = 200) -> Response:
    """The sign-in form, with a fresh signed nonce cookie that its CSRF field is bound to."""
    key = s.secret_of(request)
    nonce = secrets.token_urlsafe(16)
    context = {"csrf": s.csrf_token(key, nonce), "error": error, "flash": flash_of(request)}
    response = render(request, "login.html", context, status=status)
    sealed = s.seal(key, s.LOGIN, {"n": nonce})
    s.set_cookie(request, response, s.LOGIN_COOKIE, sealed, max_age=s.LOGIN_SECONDS)
    return response


@router.get("")
@router.get("/")
async def home(request: Request) -> Response:
    return see_other("/portal/dashboard" if await current_session(request) else "/portal/login")


@router.get("/login")
async def login_form(request: Request) -> Response:
    if await current_session(request):
        return see_other("/portal/dashboard")
    return login_page(request)


@router.post("/login")
async def login(request: Request) -> Response:
    lang = lang_of(request)
    form = await request.form()
    key = s.secret_of(request)
    pending = s.unseal(key, s.LOGIN, request.cookies.get(s.LOGIN_COOKIE))
    if pending is None or not s.csrf_ok(key, str(pending["n"]), form.get("csrf")):
        return login_page(request, t(lang, "csrf"), status=403)
    token = str(form.get("token") or "").strip()
    actor = await resolve(request.app.state.runtime.store, token) if token else None
    if actor is None:
        return login_page(request, t(lang, "bad_token"), status=401)
    if actor.role != Role.AGENCY:
        return login_page(request, t(lang, "not_agency"), status=403)
    value, _ = s.new_session(key, token, s.PORTAL)
    response = see_other("/portal/dashboard")
    s.set_cookie(request, response, s.SESSION_COOKIE, value, max_age=s.SESSION_SECONDS)
    s.clear_cookie(response, s.LOGIN_COOKIE)
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    session = await current_session(request)
    form = await request.form()
    if session is not None and not session.csrf_ok(form.get("csrf")):
        return error_page(request, 403, t(lang_of(request), "csrf"), "forbidden")
    response = see_other("/portal/login?flash=signed_out")
    s.clear_cookie(response, s.SESSION_COOKIE)
    return response


@router.get("/dashboard")
async def dashboard(request: Request) -> Response:
    session = await current_session(request)
    if session is None:
        return see_other("/portal/login")
    reader = Reader(session.repo, session.actor, request.app.state.settings)
    board = await reader.dashboard()
    lang = lang_of(request)
    view = RequestView.of(request.query_params)
    counterparts = {r["senderId"] for r in board.received} | {r["receiverId"] for r in board.sent}
    counts = {"new": sum(1 for r in board.received if r["status"] == RequestStatus.SUBMITTED.value),
              "overdue": sum(1 for r in board.sent + board.received if r.get("overdue")), "unread": await reader.unread(),
              "agreements": await awaiting_count(session.repo, session.actor.agency_id)}  # fmt: skip  # branch agree
    board.sent, board.received = view.apply(board.sent, "receiverId"), view.apply(board.received, "senderId")

    def name(ident: str) -> str:
        return name_of(lang, board.agencies.get(ident), ident)

    context = session.context(request) | {
        "board": board, "name": name, "flash": flash_of(request), "view": view, "counts": counts,
        "counterparts": sorted(counterparts, key=name), "statuses": [s.value for s in RequestStatus if s != RequestStatus.DRAFT],
    }  # fmt: skip
    return render(request, "dashboard.html", context)


async def receiver_id(reader: Reader, typed: str, lang: Lang) -> tuple[str | None, str | None]:
    """The receiver picker's text (a name, part of one, or an id) as an agency id, or a message."""
    if not typed:
        return None, None
    names = {a["id"]: name_of(lang, a, a["id"]) for a in await reader.receivers()}
    found, problem = find_agency(typed, names)
    if problem and lang == "en":
        problem = f"No single agency that can receive requests matches «{typed}»."
    return found, problem


async def form_choices(reader: Reader, form: FormSpec, lang: Lang, state: FormState | None = None) -> dict[str, Any]:
    """Option lists for the form's selects: (group label or None, [(value, label)])."""
    choices: dict[str, Any] = {}
    receiver = None
    if state is not None and state.values.get("receiverId"):
        receiver, _ = await receiver_id(reader, str(state.values["receiverId"]), lang)
    for field in form.fields:
        if field.choices == "agencies":
            others = [a for a in await reader.all_agencies() if a["id"] != reader.actor.agency_id]
            choices["agencies"] = [(None, [(a["id"], name_of(lang, a, a["id"])) for a in others])]
        elif field.choices == "receivers":
            choices["receivers"] = [(None, [(a["id"], name_of(lang, a, a["id"])) for a in await reader.receivers()])]
        elif field.choices == "about":
            choices["about"] = [(t(lang, g), opts) for g, opts in await reader.about_choices(receiver) if opts]
            choices["about_receiver"] = receiver
        elif field.choices == "issueSource":  # seed 001's nine, by name
            from service.analysis.vocab.lists import ISSUE_SOURCES, terms

            choices["issueSource"] = [(None, [(s.code, s.label(lang)) for s in terms(ISSUE_SOURCES)])]
        elif field.choices in ENUM_CHOICES:
            choices[field.choices] = [(None, [(v, v) for v in ENUM_CHOICES[field.choices]])]
    return choices


async def form_page(request: Request, session: Session, form: FormSpec, state: FormState, idem: str,
                    status: int = 200) -> Response:  # fmt: skip
    lang = lang_of(request)
    reader = Reader(session.repo, session.actor, request.app.state.settings)
    context = session.context(request) | {
        "counts": await reader.counts(),
        "form": form, "state": state, "idem": idem, "action": request.url.path,
        "choices": await form_choices(reader, form, lang, state),
        "enum_choices": set(ENUM_CHOICES),
    }  # fmt: skip
    return render(request, "form.html", context, status=status)


@router.get("/{kind}/new")
async def new_form(request: Request, kind: str) -> Response:
    session = await current_session(request)
    if session is None:
        return see_other("/portal/login")
    if kind not in FORMS:
        return error_page(request, 404, t(lang_of(request), "not_found"), "not_found")
    form = FORMS[kind]
    # the form's "show this receiver's capacities" button sends what was typed back here (GET)
    typed = {f.name: request.query_params.get(f.name, "").strip()[:2000] for f in form.fields if f.widget != "multi"}
    idem = request.query_params.get("idem", "")
    return await form_page(request, session, form, FormState(values={k: v for k, v in typed.items() if v}),
                           idem if IDEM.match(idem) else secrets.token_urlsafe(18))  # fmt: skip


@router.post("/{kind}/new")
async def create(request: Request, kind: str) -> Response:
    session = await current_session(request)
    if session is None:
        return see_other("/portal/login")
    if kind not in FORMS:
        return error_page(request, 404, t(lang_of(request), "not_found"), "not_found")
    lang = lang_of(request)
    posted = await request.form()
    if not session.csrf_ok(posted.get("csrf")):
        return error_page(request, 403, t(lang, "csrf"), "forbidden")
    form = FORMS[kind]
    idem = str(posted.get("idem") or "")
    idem = idem if IDEM.match(idem) else secrets.token_urlsafe(18)
    values = read_values(form, posted)
    picked_problem = None
    if any(f.widget == "picker" for f in form.fields) and values.get("receiverId"):
        reader = Reader(session.repo, session.actor, request.app.state.settings)
        found, picked_problem = await receiver_id(reader, str(values["receiverId"]), lang)
        if found:
            values = values | {"receiverId": found}
    typed_receiver = read_values(form, posted).get("receiverId")
    data, state = build_input(form, values, session.actor, lang)
    if typed_receiver:
        state.values["receiverId"] = typed_receiver  # redisplay what was typed, not the id
    if picked_problem:
        data = None
        state.errors["receiverId"] = picked_problem
    if data is not None:
        try:
            require_write(session.actor, form.key, data.model_dump())
            row = await session.repo.create(form.spec, data, idempotency_key=idem)
        except ServiceError as exc:
            state.add_service_error(form, exc, lang)
            if exc.code == "IDEMPOTENCY_MISMATCH":  # the key made another record (a resent old form): sent again, this is new
                idem = secrets.token_urlsafe(18)
        else:
            if form.key == "request":
                return see_other(f"/portal/requests/{row['id']}?flash=done_request")
            return see_other(f"/portal/dashboard?flash=done_{form.key}")
    return await form_page(request, session, form, state, idem, status=422)


DESTRUCTIVE = {RequestStatus.WITHDRAWN, RequestStatus.REJECTED}  # final and unwanted by someone: asked twice


async def request_page(request: Request, session: Session, request_id: str, errors: dict[str, str] | None = None,
                       general: list[str] | None = None, status: int = 200,
                       confirm: dict[str, str] | None = None) -> Response:  # fmt: skip
    """One request with its history and the moves open to this agency; for a non-party the same
    404 page as for a request that does not exist (the session's repository reads only its own)."""
    lang = lang_of(request)
    reader = Reader(session.repo, session.actor, request.app.state.settings)
    row = await session.repo.get(REQUEST, request_id)
    agencies = await reader.agencies({row["senderId"], row["receiverId"]})
    steps = await reader.steps(request_id)
    context = session.context(request) | {
        "row": row, "sender": name_of(lang, agencies.get(row["senderId"]), row["senderId"]),
        "receiver": name_of(lang, agencies.get(row["receiverId"]), row["receiverId"]),
        "about": await reader.about(row.get("aboutId")), "steps": steps, "moves": moves_for(session.actor, row),
        "overdue": overdue(row, today_iso()),
        "errors": errors or {}, "general": general or [], "flash": flash_of(request), "confirm": confirm,
        "counts": await reader.counts(),
    }  # fmt: skip
    return render(request, "request.html", context, status=status)


@router.get("/requests/{request_id}")
async def show_request(request: Request, request_id: str) -> Response:
    session = await current_session(request)
    if session is None:
        return see_other("/portal/login")
    return await request_page(request, session, request_id)


@router.post("/requests/{request_id}/move")
async def move(request: Request, request_id: str) -> Response:
    session = await current_session(request)
    if session is None:
        return see_other("/portal/login")
    lang = lang_of(request)
    posted = await request.form()
    if not session.csrf_ok(posted.get("csrf")):
        return error_page(request, 403, t(lang, "csrf"), "forbidden")
    await session.repo.get(REQUEST, request_id)  # NOT_FOUND, a 404 page, for a non-party as for a missing one
    try:
        to = RequestStatus(str(posted.get("to") or ""))
    except ValueError:
        return await request_page(request, session, request_id, {"to": t(lang, "pick_status")}, status=422)
    comment = str(posted.get("comment") or "").strip() or None
    version = str(posted.get("version") or "")
    if to in DESTRUCTIVE and posted.get("confirm") != "yes":  # no script on portal pages: the server asks
        return await request_page(request, session, request_id, confirm={"to": to.value, "comment": comment or ""})
    try:
        require_role(session.actor, Role.DIRECTORATE, Role.AGENCY)
        await move_request(
            session.repo, request_id, to, session.actor, comment, int(version) if version.isdigit() else None
        )
    except ServiceError as exc:
        message = exc.message_en if lang == "en" else exc.message_fa
        errors, general = ({"to": message}, []) if exc.field == "status" else ({}, [message])
        return await request_page(request, session, request_id, errors, general, status=exc.status)
    return see_other(f"/portal/requests/{request_id}?flash=done_move")
