"""The stakeholder grid's page and downloads: /stakeholders/grid (Persian by default, ?lang=en),
/stakeholders/grid.svg, .csv, .xlsx. For the directorate and analysts, like the other pictures; each
read goes through a Repository made for the signed-in reader (the policy's View)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from service.api.deps import ActorDep, RuntimeDep
from service.auth.policy import require_role
from service.domain.actor import Actor, Role
from service.registry.commitments import commitments, engagements_of
from service.registry.repository import Repository
from service.registry.stakeholder_grid import latest_sentiments, table
from service.registry.stakeholders import all_stakeholders
from service.site.errors import page
from service.site.lang import lang_of
from service.text.jalali import to_jalali

router = APIRouter(tags=["pictures"])


def _repo(runtime: RuntimeDep, actor: Actor) -> Repository:
    require_role(actor, Role.DIRECTORATE, Role.ANALYST)
    return Repository(runtime.store, actor)


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


@router.get("/stakeholders/grid", response_class=HTMLResponse)
async def grid_page(request: Request, runtime: RuntimeDep, actor: ActorDep) -> HTMLResponse:
    from service.pictures.stakeholder_grid import grid_body, open_counts, say

    repo = _repo(runtime, actor)
    lang = lang_of(request)
    rows = await all_stakeholders(repo)
    log = await engagements_of(repo, [r["id"] for r in rows])
    body = grid_body(rows, open_counts(await commitments(repo)), lang, latest_sentiments(log))
    return page(say(lang, "title"), body, current="/stakeholders/grid", request=request)


@router.get("/stakeholders/grid.svg")
async def grid_svg(request: Request, runtime: RuntimeDep, actor: ActorDep) -> Response:
    from service.pictures.stakeholder_grid import grid_svg as draw

    rows = await all_stakeholders(_repo(runtime, actor))
    return Response(draw(rows, lang_of(request)), media_type="image/svg+xml", headers=_attachment("stakeholder-grid.svg"))


async def _lines(repo: Repository) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    from service.pictures.stakeholder_grid import open_counts

    rows = await all_stakeholders(repo)
    owed = await commitments(repo)
    log = await engagements_of(repo, [r["id"] for r in rows])
    return table(rows, open_counts(owed), latest_sentiments(log)), owed


@router.get("/stakeholders/grid.csv")
async def grid_csv(runtime: RuntimeDep, actor: ActorDep) -> Response:
    from service.io.stakeholders import grid_csv as write

    lines, _ = await _lines(_repo(runtime, actor))
    return Response(write(lines), media_type="text/csv; charset=utf-8", headers=_attachment("stakeholder-grid.csv"))


@router.get("/stakeholders/grid.xlsx")
async def grid_xlsx(runtime: RuntimeDep, actor: ActorDep) -> Response:
    from service.io.stakeholders import grid_xlsx as write

    repo = _repo(runtime, actor)
    lines, owed = await _lines(repo)
    log = await engagements_of(repo, [str(line["id"]) for line in lines])
    entries = [e | {"dateJalali": to_jalali(e.get("date"))} for found in log.values() for e in found]
    owed = [c | {"dueDateJalali": to_jalali(c.get("dueDate"))} for c in owed]
    media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(write(lines, entries, owed), media_type=media, headers=_attachment("stakeholder-grid.xlsx"))


OVERLAY_WORDS = {
    "title": ("ذی‌نفعان روی نگاره ثبت", "Stakeholders over the registry"),
    "info": ("هر ذی‌نفع با وظایفی که در خدمت اوست، مسائلی که طرح کرده و دستگاه‌هایی که به او تعهد دارند.",
             "Each stakeholder with the duties that serve it, the issues it raised and the agencies that owe it a commitment."),
    "open": ("تعهد باز", "Open commitment"), "kept": ("تعهد عمل‌شده", "Commitment kept"), "broken": ("تعهد عمل‌نشده", "Commitment broken"),
}  # fmt: skip


@router.get("/graph/overlay/stakeholders", response_class=HTMLResponse)
async def stakeholder_overlay(request: Request, runtime: RuntimeDep, actor: ActorDep) -> HTMLResponse:
    from service.analysis.snapshot import ALL, load_snapshot
    from service.pictures.network import render
    from service.pictures.overlays import stakeholder_graph
    from service.site.lang import remember, switch_url

    repo = _repo(runtime, actor)
    lang = lang_of(request)
    en = lang == "en"

    def w(key: str) -> str:
        return OVERLAY_WORDS[key][1 if en else 0]

    graph = stakeholder_graph(await load_snapshot(runtime.store, ALL), await all_stakeholders(repo), await commitments(repo), lang)
    legend = [(w("open"), "#b5179e"), (w("kept"), "#2e9e4f"), (w("broken"), "#c8341f")]
    body = render(graph, title=w("title"), info=w("info"), extra_legend=legend, current="/graph/overlay/stakeholders",
                  lang=lang, switch=switch_url(request, lang))  # fmt: skip
    return remember(request, HTMLResponse(body))


@router.get("/stakeholders/{stakeholder_id}", response_class=HTMLResponse)
async def stakeholder_page(request: Request, runtime: RuntimeDep, actor: ActorDep, stakeholder_id: str) -> HTMLResponse:
    """One stakeholder: scores, links, engagement log, commitments with history (404 when missing)."""
    from service.pictures import stakeholder_page as sp
    from service.registry.city_plans import load_plans
    from service.registry.clock import today_iso
    from service.registry.commitments import overdue, steps_of
    from service.registry.specs import AGENCY, DUTY, ISSUE, WORKING_GROUP
    from service.registry.stakeholders import STAKEHOLDER

    repo = _repo(runtime, actor)
    lang = lang_of(request)
    row = await repo.get(STAKEHOLDER, stakeholder_id)
    log = (await engagements_of(repo, [stakeholder_id])).get(stakeholder_id, [])
    owed = await commitments(repo, [stakeholder_id])
    field = "titleEn" if lang == "en" else "titleFa"
    agency_ids = [str(e["agencyId"]) for e in log if e.get("agencyId")] + [str(c["ownerId"]) for c in owed]
    names = {
        "issue": {k: sp.title_of(v, field) for k, v in (await repo.get_many(ISSUE, list(row.get("issueIds") or []))).items()},
        "duty": {k: sp.title_of(v, field) for k, v in (await repo.get_many(DUTY, list(row.get("dutyIds") or []))).items()},
        "group": {k: sp.title_of(v, "nameEn" if lang == "en" else "nameFa")
                  for k, v in (await repo.get_many(WORKING_GROUP, list(row.get("workingGroupIds") or []))).items()},
        "agency": {k: sp.title_of(v, "nameEn" if lang == "en" else "nameFa") for k, v in (await repo.get_many(AGENCY, agency_ids)).items()},
        "plan": {p["id"]: sp.title_of(p, field) for p in await load_plans(runtime.store)},
    }  # fmt: skip
    today = request.app.state.settings.today or today_iso()
    late = {c["id"] for c in owed if overdue(c, today)}
    body = sp.body(row, names, log, owed, await steps_of(repo, [c["id"] for c in owed]), late, lang)
    title = str((row.get("nameEn") if lang == "en" else None) or row["nameFa"])
    return page(title, body, current="/stakeholders/grid", request=request)
