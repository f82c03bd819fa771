"""/plans and /plans/{id}: the coordination plans for the directorate and analysts (agencies follow
their own actions in the portal, /portal/plan-actions). Read through a Repository made for the
signed-in reader, so the page shows what GraphQL would show them."""

from __future__ import annotations

import csv
import io

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from service.api.deps import ActorDep, RuntimeDep, SettingsDep
from service.auth.policy import require_role
from service.domain.actor import Role
from service.errors import ServiceError
from service.io import cells
from service.registry import plan_actions, plans
from service.registry.clock import today_iso
from service.registry.plan_views import plan_progress
from service.registry.repository import Repository
from service.registry.specs import AGENCY, PLAN
from service.site.errors import page
from service.site.lang import lang_of, remember, switch_url
from service.text.jalali import to_jalali

router = APIRouter(include_in_schema=False)


@router.get("/plans", response_class=HTMLResponse)
async def plan_list(request: Request, runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> HTMLResponse:
    from service.site import plan_page  # the heatmap brings numpy and scipy: loaded when a page is drawn

    require_role(actor, Role.DIRECTORATE, Role.ANALYST)
    repo = Repository(runtime.store, actor, settings.shared_with_agencies)
    lang = lang_of(request)
    body = plan_page.plans_list(await plans.list_plans(repo), lang)
    return page(plan_page.w(lang, "plans"), body, current="/plans", request=request)


@router.get("/plans/{plan_id}", response_class=HTMLResponse)
async def plan_view(request: Request, plan_id: str, runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> HTMLResponse:
    """One plan: approval chain, progress, the plan matrix as a heatmap, late actions, all actions."""
    from service.site import plan_page

    require_role(actor, Role.DIRECTORATE, Role.ANALYST)
    repo = Repository(runtime.store, actor, settings.shared_with_agencies)
    plan = await repo.get(PLAN, plan_id)  # NOT_FOUND: the site's 404 page
    actions = (await plan_actions.actions_of(repo, [plan_id]))[plan_id]
    approvals = (await plans.histories(repo, "plan/approvals", [plan_id]))[plan_id]
    names = await repo.get_many(AGENCY, sorted({o for a in actions for o in a.get("ownerIds") or []}))
    today = today_iso()
    lang = lang_of(request)
    body = plan_page.plan_body(plan, approvals, actions, plan_progress(actions, today), names, lang, today)
    return page(str(plan["titleFa"]), body, current="/plans", request=request, head=plan_page.STYLE)


CSV_COLUMNS = ("id", "titleFa", "status", "late", "ownerIds", "dueDate", "dueDateJalali", "sourceKind", "sourceRef", "option",
               "budgetRials", "expectedSavingRials", "expectedBenefitRials", "realisedRials")  # fmt: skip


@router.get("/plans/{plan_id}/actions.csv")
async def plan_csv(plan_id: str, runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> Response:
    """The plan's actions as CSV (UTF-8 with BOM, every cell spreadsheet-safe), one line each."""
    require_role(actor, Role.DIRECTORATE, Role.ANALYST)
    repo = Repository(runtime.store, actor, settings.shared_with_agencies)
    await repo.get(PLAN, plan_id)
    today = today_iso()
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for a in (await plan_actions.actions_of(repo, [plan_id]))[plan_id]:
        values = a | {"late": plan_actions.is_late(a, today), "ownerIds": " ".join(a.get("ownerIds") or []),
                      "dueDateJalali": to_jalali(a.get("dueDate")) or ""}  # fmt: skip
        writer.writerow(cells.row([values.get(c, "") if values.get(c) is not None else "" for c in CSV_COLUMNS]))
    name = f"{plan_id}-actions.csv"
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8", headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/plans/{plan_id}/matrix.{kind}")
async def plan_matrix_file(request: Request, plan_id: str, kind: str, runtime: RuntimeDep, settings: SettingsDep,
                           actor: ActorDep) -> Response:  # fmt: skip
    """The plan matrix as an SVG (hover shows each cell's actions) or a PNG, in the page's language."""
    from service.analysis.matrix import AgencyMatrix
    from service.pictures import heatmap
    from service.site import plan_page

    require_role(actor, Role.DIRECTORATE, Role.ANALYST)
    if kind not in ("svg", "png"):
        raise ServiceError("NOT_FOUND", "use matrix.svg or matrix.png", "فقط matrix.svg یا matrix.png", status=404)
    repo = Repository(runtime.store, actor, settings.shared_with_agencies)
    await repo.get(PLAN, plan_id)
    actions = (await plan_actions.actions_of(repo, [plan_id]))[plan_id]
    names = await repo.get_many(AGENCY, sorted({o for a in actions for o in a.get("ownerIds") or []}))
    matrix = plan_page.agency_matrix(actions, names) or AgencyMatrix("plan", [])
    lang = lang_of(request)
    title = plan_page.w(lang, "matrix")
    body: str | bytes = heatmap.svg(matrix, title, lang=lang) if kind == "svg" else heatmap.png(matrix, title, lang=lang)
    media = "image/svg+xml" if kind == "svg" else "image/png"
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{plan_id}-matrix.{kind}"'})


@router.get("/plans/{plan_id}/overlay", response_class=HTMLResponse)
async def plan_overlay(request: Request, plan_id: str, runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> HTMLResponse:
    """The plan over the agency network (the explorer's page: search, side panel, exports)."""
    from service.analysis.snapshot import load_snapshot
    from service.pictures.network import render
    from service.pictures.plan_overlay import plan_graph

    require_role(actor, Role.DIRECTORATE, Role.ANALYST)
    repo = Repository(runtime.store, actor, settings.shared_with_agencies)
    plan = await repo.get(PLAN, plan_id)
    actions = (await plan_actions.actions_of(repo, [plan_id]))[plan_id]
    lang = lang_of(request)
    graph, legend = plan_graph(await load_snapshot(repo, ("agency",)), actions, today_iso(), lang)
    title = str(plan.get("titleEn") if lang == "en" and plan.get("titleEn") else plan["titleFa"])
    body = render(graph, title=title, extra_legend=legend, current="/plans", lang=lang, switch=switch_url(request, lang),
                  file=f"hamahang-{plan_id}")  # fmt: skip
    return remember(request, HTMLResponse(body))
