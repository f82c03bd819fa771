"""/portal/groups: where an agency takes part in its working groups (issue 19) — its groups and its
role in each, their meetings and minutes, the decisions it owns (to move along), the reports it
supervises (to approve) and, as secretariat, those approved (to publish). The same use cases as
GraphQL; every POST checks the CSRF field and redirects (303)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from service.errors import ServiceError
from service.portal.auth import PortalRoute, Session, current_session, error_page
from service.portal.i18n import Lang, name_of, t
from service.portal.render import lang_of, render
from service.registry import wg_reads
from service.registry.specs import AGENCY, WORKING_GROUP
from service.registry.wg_decisions import NEXT, move_decision
from service.registry.wg_periods import label_en, label_fa
from service.registry.wg_reports import advance_report
from service.registry.wg_roles import ROLE_FA

router = APIRouter(prefix="/portal/groups", route_class=PortalRoute, include_in_schema=False)
WORDS: dict[str, tuple[str, str]] = {
    "title": ("کارگروه‌های من", "My working groups"), "role": ("نقش", "role"), "none": ("عضو هیچ کارگروهی نیستید.", "You sit in no working group."),
    "meetings": ("جلسه‌ها", "Meetings"), "agenda": ("دستور جلسه", "Agenda"), "minutes": ("صورت‌جلسه", "Minutes"),
    "present": ("حاضران", "Present"), "my_decisions": ("مصوبه‌هایی که مسئول آن‌ها هستید", "Decisions you own"),
    "due": ("مهلت", "Due"), "status": ("وضعیت", "Status"), "move_to": ("تغییر به", "Move to"),
    "to_approve": ("گزارش‌های شفافیت در انتظار تأیید شما (ناظر)", "Transparency reports awaiting your approval (supervisor)"),
    "to_publish": ("گزارش‌های تأییدشده در انتظار انتشار (دبیرخانه)", "Approved reports awaiting publication (secretariat)"),
    "approve": ("تأیید گزارش", "Approve"), "publish": ("انتشار گزارش", "Publish"), "nothing": ("موردی نیست.", "Nothing here."),
    "done": ("ثبت شد.", "Saved."), "public": ("گزارش‌های منتشرشده", "Published reports"),
    "open": ("باز", "open"), "in_progress": ("در دست اجرا", "in progress"), "dropped": ("کنارگذاشته", "dropped"),
    "drafted": ("پیش‌نویس", "drafted"), "approved": ("تأییدشده", "approved"), "published": ("منتشرشده", "published"),
    "keep": ("ثبت برای کارگروه", "Record for the group"), "new_meeting": ("ثبت جلسه", "Record a meeting"),
    "date": ("تاریخ (شمسی)", "Date (Jalali)"), "new_decision": ("ثبت مصوبه", "Record a decision"), "text": ("متن", "Text"),
    "owner": ("دستگاه مسئول", "Owner agency"), "meeting": ("جلسه", "Meeting"), "new_report": ("تهیهٔ گزارش شفافیت", "Draft a transparency report"),
    "year": ("سال", "Year"), "period": ("دوره", "Period"), "title_f": ("عنوان", "Title"), "summary": ("خلاصه", "Summary"), "save": ("ثبت", "Save"),
}  # fmt: skip
PERIODS = ("year", "h1", "h2", "q1", "q2", "q3", "q4")
WORDS["done_status"] = ("انجام‌شده", "done")


def say(lang: Lang, key: str) -> str:
    fa, en = WORDS.get(key, (key, key))
    return en if lang == "en" else fa


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


async def _board(session: Session, lang: Lang) -> dict[str, Any]:
    """The agency's groups with its roles, their meetings, its decisions and its reports to act on."""
    me = session.actor.agency_id
    repo = session.repo
    groups = [g for g in (await repo.page(WORKING_GROUP, filters={"agencyId": me}, limit=200))]
    ids = [g["id"] for g in groups]
    roles = {g["id"]: sorted(m["role"] for m in g.get("members") or [] if m["agencyId"] == me) for g in groups}
    meetings = await wg_reads.listing(repo, "wg_meeting", groupIds=ids) if ids else []
    decisions = await wg_reads.listing(repo, "wg_decision", groupIds=None, ownerId=me)
    reports = await wg_reads.listing(repo, "wg_report", groupIds=ids, status=None) if ids else []
    keeps = [g for g in groups if {"secretariat", "lead"} & set(roles[g["id"]])]
    to_approve = [r for r in reports if r["status"] == "drafted" and "supervisor" in roles.get(r["groupId"], [])]
    to_publish = [r for r in reports if r["status"] == "approved" and "secretariat" in roles.get(r["groupId"], [])]
    agency_ids = {a for m in meetings for a in m.get("presentIds") or []} | {m["agencyId"] for g in keeps for m in g.get("members") or []}
    agencies = await repo.get_many(AGENCY, sorted(agency_ids)) if agency_ids else {}
    names = {g["id"]: g["nameFa"] if lang == "fa" else (g.get("nameEn") or g["nameFa"]) for g in groups}
    for r in reports:
        r["periodLabel"] = label_fa(int(r["year"]), r["period"]) if lang == "fa" else label_en(int(r["year"]), r["period"])
    return {
        "groups": groups, "roles": roles, "group_names": names, "meetings": meetings, "decisions": decisions,
        "to_approve": to_approve, "to_publish": to_publish, "next": NEXT, "keeps": keeps, "periods": PERIODS,
        "period_name": lambda p: label_fa(1, p).removesuffix(" ۱") if lang == "fa" else p,
        "who": lambda a: name_of(lang, agencies.get(a), a),
        "present": lambda m: "، ".join(name_of(lang, agencies.get(a), a) for a in m.get("presentIds") or []),
        "role_name": lambda r: r if lang == "en" else ROLE_FA.get(r, r),
    }  # fmt: skip


async def groups_page(request: Request, session: Session, problem: str | None = None, status: int = 200) -> Response:
    lang = lang_of(request)
    flash = say(lang, "done") if request.query_params.get("flash") == "done" else None
    context = session.context(request) | await _board(session, lang) | {
        "w": lambda key: say(lang, "done_status" if key == "done" else key), "flash": flash, "error": problem}  # fmt: skip
    return render(request, "groups.html", context, status=status)


@router.get("")
async def show(request: Request) -> Response:
    session = await current_session(request)
    if session is None:
        return see_other("/portal/login")
    return await groups_page(request, session)


async def act(request: Request, work: Any) -> Response:
    """Check the session and CSRF, run ``work(session, form)``, then back to the page (or the refusal on it)."""
    session = await current_session(request)
    if session is None:
        return see_other("/portal/login")
    lang = lang_of(request)
    posted = await request.form()
    if not session.csrf_ok(posted.get("csrf")):
        return error_page(request, 403, t(lang, "csrf"), "forbidden")
    version = str(posted.get("version") or "")
    try:
        await work(session, posted, int(version) if version.isdigit() else None)
    except ServiceError as exc:
        return await groups_page(request, session, exc.message_en if lang == "en" else exc.message_fa, status=exc.status)
    return see_other("/portal/groups?flash=done")


@router.post("/decisions/{decision_id}/move")
async def move(request: Request, decision_id: str) -> Response:
    async def work(session: Session, posted: Any, version: int | None) -> None:
        await move_decision(session.repo, session.actor, decision_id, str(posted.get("to") or ""), None, version)

    return await act(request, work)


@router.post("/reports/{report_id}/{step}")
async def advance(request: Request, report_id: str, step: str) -> Response:
    if step not in ("approve", "publish"):
        return error_page(request, 404, t(lang_of(request), "not_found"), "not_found")

    async def work(session: Session, posted: Any, version: int | None) -> None:
        await advance_report(session.repo, session.actor, report_id, step, version)

    return await act(request, work)
