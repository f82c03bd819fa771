"""The picture pages: /graph, /graph/agency/{id}, the two overlays, and /matrix/{name} heatmaps.

The drawing modules (pyvis, networkx, numpy, scipy, matplotlib) are imported by the handler that
draws: together they were about 0.4 s of the service's start.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from service.analysis import runner
from service.analysis.snapshot import ALL, load_snapshot
from service.api.deps import ActorDep, RuntimeDep, SettingsDep
from service.auth.policy import require_role
from service.domain.actor import Role
from service.errors import ServiceError
from service.pictures.style import CLASS_COLORS
from service.site.errors import page
from service.site.lang import Lang, lang_of, remember, switch_url

if TYPE_CHECKING:  # numpy: loaded only when a matrix is drawn (tests/test_startup.py)
    from service.analysis.matrix import AgencyMatrix
    from service.pictures import heatmap

router = APIRouter(tags=["pictures"])
MATRICES = {"duplication": "ماتریس موازی‌کاری", "winwin": "ماتریس برد-برد", "followup": "ماتریس درخواست‌های باز",
            "collaboration": "ماتریس حجم مبادلات"}  # fmt: skip


def _see_all(actor: ActorDep) -> None:
    require_role(actor, Role.DIRECTORATE, Role.ANALYST)


@router.get("/graph", response_class=HTMLResponse)
async def whole(request: Request, runtime: RuntimeDep, actor: ActorDep) -> HTMLResponse:
    """The registry, filtered (the form's words, Persian or Latin digits); clustered by agency kind
    when it is too big to draw. A bad filter shows the form again with Persian errors (422)."""
    from service.pictures import filters, registry_graph, words
    from service.pictures.network import filter_form, render

    _see_all(actor)
    lang = lang_of(request)
    title = words.explorer(lang, "title")
    names = ("agency", "kind", "function", "exchange_kind", "year_from", "year_to")
    params = {k: request.query_params.get(k, "")[:200] for k in names}
    full = registry_graph.build(await load_snapshot(runtime.store, ALL), lang)
    agencies = {n: str(d["label"]) for n, d in full.nodes(data=True) if d["type"] == "Agency"}
    parsed = filters.parse(params, agencies, lang)
    form = filter_form(params, parsed.errors, lang)
    if parsed.errors:
        body = (f'<h1>{title}</h1>{form}<p class="alert" role="alert" id="filter-errors">'
                + html.escape(" ".join(parsed.errors.values())) + "</p>")  # fmt: skip
        return page(title, body, current="/graph", status=422, request=request)
    graph = registry_graph.apply(full, parsed.wanted)
    info = ""
    if graph.number_of_nodes() > registry_graph.DRAW_LIMIT:
        total = graph.number_of_nodes()
        graph = registry_graph.cluster_by_kind(graph, lang)
        info = words.explorer(lang, "clustered", n=words.num(total, lang=lang))
    graphml = "/interop/export.graphml" + (f"?{urlencode(parsed.query)}" if parsed.query else "")
    body = render(graph, title=title, info=info, form=form, current="/graph", graphml=graphml, lang=lang, switch=switch_url(request, lang))
    return remember(request, HTMLResponse(body))


@router.get("/graph/agency/{agency_id}", response_class=HTMLResponse)
async def neighbourhood(request: Request, runtime: RuntimeDep, actor: ActorDep, agency_id: str,
                        hops: Annotated[int, Query(ge=1, le=4)] = 1) -> HTMLResponse:  # fmt: skip
    from service.pictures import registry_graph, words
    from service.pictures.network import render

    _see_all(actor)
    lang = lang_of(request)
    graph = registry_graph.build(await load_snapshot(runtime.store, ALL), lang)
    if agency_id not in graph:
        raise ServiceError("NOT_FOUND", f"agency {agency_id!r} does not exist", "این دستگاه پیدا نشد", status=404)
    ego = registry_graph.ego(graph, agency_id, hops)
    name = graph.nodes[agency_id]["label"]
    graphml = "/interop/export.graphml?" + urlencode({"agency": agency_id})
    title = words.explorer(lang, "hood", name=name, hops=words.num(hops, lang=lang))
    body = render(ego, title=title, graphml=graphml, file=f"hamahang-{agency_id}", lang=lang, switch=switch_url(request, lang))
    return remember(request, HTMLResponse(body))


@router.get("/graph/overlay/duplication", response_class=HTMLResponse)
async def duplication_overlay(request: Request, runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep,
                              fragmentation: bool = False) -> HTMLResponse:  # fmt: skip
    from service.pictures import overlays, words
    from service.pictures.network import render

    _see_all(actor)
    snap = await load_snapshot(runtime.store, runner.DUPLICATION_NEEDS)
    result = await runner.duplication(runtime.store, settings, snap)
    classes = {"duplication", "overlap"} | ({"fragmentation"} if fragmentation else set())
    lang = lang_of(request)
    graph = overlays.duplication_graph(snap, result, classes, lang)
    legend = [(words.explorer(lang, "dup_finding", cls=c if lang == "en" else words.CLASSES[c]), CLASS_COLORS[c]) for c in sorted(classes)]
    body = render(graph, title=words.explorer(lang, "dup_title"), extra_legend=legend, info=words.explorer(lang, "dup_info"),
                  current="/graph/overlay/duplication", lang=lang, switch=switch_url(request, lang))  # fmt: skip
    return remember(request, HTMLResponse(body))


@router.get("/graph/overlay/winwin", response_class=HTMLResponse)
async def winwin_overlay(request: Request, runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> HTMLResponse:
    from service.pictures import overlays, words
    from service.pictures.network import render

    _see_all(actor)
    snap = await load_snapshot(runtime.store, runner.WINWIN_NEEDS)
    result = await runner.winwin(runtime.store, settings, snap)
    lang = lang_of(request)
    graph, legend = overlays.winwin_graph(snap, result, lang)
    body = render(graph, title=words.explorer(lang, "ww_title"), extra_legend=legend, info=words.explorer(lang, "ww_info"),
                  current="/graph/overlay/winwin", lang=lang, switch=switch_url(request, lang))  # fmt: skip
    return remember(request, HTMLResponse(body))


async def _spend_grid(runtime: RuntimeDep, settings: SettingsDep) -> heatmap.SpendGrid:
    from service.pictures import heatmap

    return heatmap.spend_grid(await runner.duplication(runtime.store, settings))


# /matrix/spend is not agency × agency: declared before /matrix/{name} so it is matched first
@router.get("/matrix/spend.svg")
async def spend_svg(runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> Response:
    from service.pictures import heatmap

    _see_all(actor)
    body = heatmap.spend_svg(await _spend_grid(runtime, settings))
    return Response(body, media_type="image/svg+xml", headers={"Content-Disposition": 'attachment; filename="spend.svg"'})


@router.get("/matrix/spend.png")
async def spend_png(runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> Response:
    from service.pictures import heatmap

    _see_all(actor)
    body = heatmap.spend_png(await _spend_grid(runtime, settings))
    return Response(body, media_type="image/png", headers={"Content-Disposition": 'attachment; filename="spend.png"'})


@router.get("/matrix/spend", response_class=HTMLResponse)
async def spend_page(request: Request, runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> HTMLResponse:
    """Duplicated spend by COFOG group × Jalali year (rials), a hovered cell's findings beside it."""
    from service.pictures import heatmap

    _see_all(actor)
    grid = await _spend_grid(runtime, settings)
    snap = await load_snapshot(runtime.store, ("duty",))
    lang = lang_of(request)
    field = "titleEn" if lang == "en" else "titleFa"
    titles = {r["id"]: str(r.get(field) or r.get("titleFa") or r["id"]) for r in snap.rows.get("duty", [])}
    return remember(request, HTMLResponse(heatmap.spend_page(grid, titles, lang, switch_url(request, lang))))


async def _matrix(name: str, runtime: RuntimeDep, settings: SettingsDep) -> AgencyMatrix:
    if name not in MATRICES:
        raise ServiceError("NOT_FOUND", f"use /matrix/<{'|'.join(MATRICES)}>", "چنین ماتریسی نیست", status=404)
    matrix: AgencyMatrix = (await runner.ANALYSES[name](runtime.store, settings)).matrix
    return matrix


def _title(name: str, lang: Lang) -> str:
    from service.pictures import words

    return words.say(lang, name) if name in MATRICES else name


@router.get("/matrix/{name}.svg")
async def matrix_svg(request: Request, name: str, runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> Response:
    from service.pictures import heatmap

    _see_all(actor)
    lang = lang_of(request)
    body = heatmap.svg(await _matrix(name, runtime, settings), _title(name, lang), lang=lang)
    return Response(body, media_type="image/svg+xml", headers={"Content-Disposition": f'attachment; filename="{name}.svg"'})


@router.get("/matrix/{name}.png")
async def matrix_png(request: Request, name: str, runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> Response:
    from service.pictures import heatmap

    _see_all(actor)
    lang = lang_of(request)
    body = heatmap.png(await _matrix(name, runtime, settings), _title(name, lang), lang=lang)
    return Response(body, media_type="image/png", headers={"Content-Disposition": f'attachment; filename="{name}.png"'})


@router.get("/matrix/{name}", response_class=HTMLResponse)
async def matrix_page(request: Request, name: str, runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> Response:
    from service.pictures import heatmap

    _see_all(actor)
    matrix = await _matrix(name, runtime, settings)
    snap = await load_snapshot(runtime.store, ("duty", "capacity", "need", "issue", "exchange", "request"))
    lang = lang_of(request)
    field = "titleEn" if lang == "en" else "titleFa"
    titles = {r["id"]: str(r.get(field) or r.get("titleFa") or r.get("subject") or r["id"]) for rows in snap.rows.values() for r in rows}
    body = heatmap.page(matrix, _title(name, lang), name, titles, lang=lang, switch=switch_url(request, lang))
    return remember(request, HTMLResponse(body))


# --- working-group governance (issue 19; branch wg) ---
@router.get("/graph/overlay/groups", response_class=HTMLResponse)
async def groups_overlay(request: Request, runtime: RuntimeDep, actor: ActorDep) -> HTMLResponse:
    """The working groups with their members coloured by role (secretariat, supervisor, facilitator, ...)."""
    from service.pictures.network import render
    from service.pictures.wg_overlay import groups_graph

    _see_all(actor)
    lang = lang_of(request)
    graph, legend = groups_graph(await load_snapshot(runtime.store, ALL), lang)
    title = "Working groups and their roles" if lang == "en" else "کارگروه‌ها و نقش اعضا"
    info = ("Edges: each member's role in the group" if lang == "en" else "هر یال نقش یک دستگاه در کارگروه است")
    body = render(graph, title=title, extra_legend=legend, info=info, current="/graph/overlay/groups", lang=lang,
                  switch=switch_url(request, lang))  # fmt: skip
    return remember(request, HTMLResponse(body))
