"""The portal's commitments page (#19.3): the commitments the signed-in agency owes to stakeholders,
with their history; it marks one kept and logs a follow-up engagement on it. The same use cases as
GraphQL (service/registry/commitments.py) through the session's Repository, so a commitment it does
not owe is the same 404 page as one that does not exist. Every POST checks the CSRF field first and
answers a redirect (303), so a reload never posts twice."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from service.domain.stakeholder import EngagementIn, EngagementKind
from service.errors import ServiceError, from_validation
from service.portal.auth import PortalRoute, Session, current_session, error_page
from service.portal.i18n import t
from service.portal.render import lang_of, render
from service.registry.clock import today_iso
from service.registry.commitments import COMMITMENT, commitments, move_commitment, overdue, record_engagement, steps_of
from service.registry.stakeholders import STAKEHOLDER

router = APIRouter(prefix="/portal", route_class=PortalRoute, include_in_schema=False)


async def commitments_page(request: Request, session: Session, general: list[str] | None = None, status: int = 200) -> Response:
    from service.portal.router import flash_of

    lang = lang_of(request)
    today = request.app.state.settings.today or today_iso()
    rows = await commitments(session.repo)
    for row in rows:
        row["overdue"] = overdue(row, today)
    found = await session.repo.get_many(STAKEHOLDER, sorted({r["stakeholderId"] for r in rows}))
    names = {k: str((v.get("nameEn") if lang == "en" else None) or v["nameFa"]) for k, v in found.items()}
    context = session.context(request) | {
        "rows": rows, "stakeholders": names, "steps": await steps_of(session.repo, [r["id"] for r in rows]),
        "kinds": [k.value for k in EngagementKind], "general": general or [], "flash": flash_of(request),
    }  # fmt: skip
    return render(request, "commitments.html", context, status=status)


@router.get("/commitments")
async def show(request: Request) -> Response:
    session = await current_session(request)
    if session is None:
        return RedirectResponse("/portal/login", status_code=303)
    return await commitments_page(request, session)


async def _posted(request: Request) -> tuple[Session | None, dict[str, str], Response | None]:
    session = await current_session(request)
    if session is None:
        return None, {}, RedirectResponse("/portal/login", status_code=303)
    form = {k: str(v) for k, v in (await request.form()).items()}
    if not session.csrf_ok(form.get("csrf")):
        return session, form, error_page(request, 403, t(lang_of(request), "csrf"), "forbidden")
    return session, form, None


@router.post("/commitments/{commitment_id}/kept")
async def kept(request: Request, commitment_id: str) -> Response:
    session, form, refused = await _posted(request)
    if refused is not None or session is None:
        return refused or RedirectResponse("/portal/login", status_code=303)
    await session.repo.get(COMMITMENT, commitment_id)  # a 404 page for one it does not owe, as for a missing one
    version = form.get("version", "")
    try:
        await move_commitment(session.repo, commitment_id, "kept", form.get("note"), int(version) if version.isdigit() else None)
    except ServiceError as exc:
        message = exc.message_en if lang_of(request) == "en" else exc.message_fa
        return await commitments_page(request, session, [message], status=exc.status)
    return RedirectResponse("/portal/commitments?flash=done_kept", status_code=303)


@router.post("/commitments/{commitment_id}/engagement")
async def engagement(request: Request, commitment_id: str) -> Response:
    session, form, refused = await _posted(request)
    if refused is not None or session is None:
        return refused or RedirectResponse("/portal/login", status_code=303)
    owed = await session.repo.get(COMMITMENT, commitment_id)
    lang = lang_of(request)
    try:
        data = EngagementIn(stakeholderId=owed["stakeholderId"], commitmentId=commitment_id, kind=form.get("kind", ""),
                            date=form.get("date", ""), noteFa=form.get("note", ""))  # fmt: skip
        await record_engagement(session.repo, data)
    except ValidationError as exc:
        error = from_validation(exc)
        return await commitments_page(request, session, [error.message_en if lang == "en" else error.message_fa], status=422)
    except ServiceError as exc:
        return await commitments_page(request, session, [exc.message_en if lang == "en" else exc.message_fa], status=exc.status)
    return RedirectResponse("/portal/commitments?flash=done_engagement", status_code=303)
