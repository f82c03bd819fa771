"""/portal/plan-actions: the coordination plan actions an agency owns, and its reports on them
(started, how much realised, done), through the same use case as GraphQL's movePlanAction.

The session's Repository carries the agency's view: the list holds only the actions it owns, and a
report on another's action is the same 404 page as one on a missing action.
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from service.domain.enums import ActionStatus
from service.domain.workflow import ACTION_MOVES
from service.errors import ServiceError
from service.portal.auth import PortalRoute, Session, current_session, error_page
from service.portal.dashboard import Reader
from service.portal.i18n import name_of, t
from service.portal.render import lang_of, render
from service.registry import plan_actions, plans
from service.registry.clock import today_iso
from service.registry.plan_views import expected_of
from service.registry.specs import AGENCY, PLAN, PLAN_ACTION
from service.text.persian import normalize

router = APIRouter(prefix="/portal", route_class=PortalRoute, include_in_schema=False)


def owner_moves(row: dict[str, object]) -> list[str]:
    """The steps an owner agency may take on this action (the directorate's are not offered)."""
    return [s.value for s, who in ACTION_MOVES[ActionStatus(str(row["status"]))].items() if who == "owner"]


async def _page(request: Request, session: Session, errors: dict[str, str] | None = None, status: int = 200) -> Response:
    lang = lang_of(request)
    actions = await plan_actions.actions_owned(session.repo, str(session.actor.agency_id))
    plan_rows = await session.repo.get_many(PLAN, sorted({str(a["planId"]) for a in actions}))
    agencies = await session.repo.get_many(AGENCY, sorted({o for a in actions for o in a.get("ownerIds") or []}))
    steps = await plans.histories(session.repo, "plan_action/steps", [a["id"] for a in actions])
    today = today_iso()
    items = [{"row": a, "plan": plan_rows.get(str(a["planId"]), {}).get("titleFa", ""), "late": plan_actions.is_late(a, today),
              "owners": [name_of(lang, agencies.get(o), o) for o in a.get("ownerIds") or []], "expected": expected_of(a),
              "moves": owner_moves(a), "reportable": a["status"] in plan_actions.REPORTABLE - {"done"}, "steps": steps.get(a["id"], [])}
             for a in actions]  # fmt: skip
    counts = await Reader(session.repo, session.actor, request.app.state.settings).counts()  # the bar's request badges
    context = session.context(request) | {"items": items, "errors": errors or {}, "counts": counts,
                                           "flash": t(lang, "done_report") if request.query_params.get("flash") == "done_report" else None}  # fmt: skip
    return render(request, "plan_actions.html", context, status=status)


@router.get("/plan-actions")
async def list_actions(request: Request) -> Response:
    session = await current_session(request)
    if session is None:
        return RedirectResponse("/portal/login", status_code=303)
    return await _page(request, session)


def parse_rials(text: str) -> int | None:
    """Persian or Latin digits, thousands separators allowed; '' is no amount; anything else ValueError."""
    clean = normalize(text).replace(",", "").replace(" ", "")
    if not clean:
        return None
    if not clean.isdigit():
        raise ValueError(text)
    return int(clean)


@router.post("/plan-actions/{action_id}/report")
async def report(request: Request, action_id: str) -> Response:
    session = await current_session(request)
    if session is None:
        return RedirectResponse("/portal/login", status_code=303)
    lang = lang_of(request)
    posted = await request.form()
    if not session.csrf_ok(posted.get("csrf")):
        return error_page(request, 403, t(lang, "csrf"), "forbidden")
    current = await session.repo.get(PLAN_ACTION, action_id)  # NOT_FOUND page for another's action as for a missing one
    try:
        to = ActionStatus(str(posted.get("to") or current["status"]))
        realised = parse_rials(str(posted.get("realised") or ""))
    except ValueError:
        return await _page(request, session, {action_id: t(lang, "bad_rials")}, status=422)
    version = str(posted.get("version") or "")
    comment = str(posted.get("comment") or "").strip() or None
    try:
        expected = int(version) if version.isdigit() else None
        if to.value == current["status"]:  # "progress report only"
            await plan_actions.report_progress(session.repo, session.actor, action_id, realised, comment, expected)
        else:
            await plan_actions.move_action(session.repo, session.actor, action_id, to, comment, realised, expected)
    except ServiceError as exc:
        return await _page(request, session, {action_id: exc.message_en if lang == "en" else exc.message_fa}, status=exc.status)
    return RedirectResponse(f"/portal/plan-actions?flash=done_report#action-{current['id']}", status_code=303)
