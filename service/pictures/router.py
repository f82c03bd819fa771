"""The picture pages: /graph, /graph/agency/{id}, the two overlays, and /matrix/{name} heatmaps.

The drawing modules (pyvis, networkx, numpy, scipy, matplotlib) are imported by the handler that
draws: together they were about 0.4 s of the service's start.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response

from service.analysis import runner
from service.analysis.snapshot import ALL, load_snapshot
from service.api.deps import ActorDep, RuntimeDep, SettingsDep
from service.auth.policy import require_role
from service.domain.actor import Role
from service.domain.enums import AgencyKind
from service.errors import ServiceError
from service.pictures.style import CLASS_COLORS

router = APIRouter(tags=["pictures"])
MATRICES = {"duplication": "ماتریس موازی‌کاری", "winwin": "ماتریس برد-برد", "followup": "ماتریس درخواست‌های باز",
            "collaboration": "ماتریس حجم مبادلات"}  # fmt: skip


def _see_all(actor: ActorDep) -> None:
    require_role(actor, Role.DIRECTORATE, Role.ANALYST)


@router.get("/graph", response_class=HTMLResponse)
async def whole(
    runtime: RuntimeDep,
    actor: ActorDep,
    agency: str | None = None,
    kind: AgencyKind | None = None,
    function: Annotated[str | None, Query(max_length=5)] = None,
    exchange_kind: Annotated[str | None, Query(pattern="^(financial|service|infrastructure)$")] = None,
    year_from: Annotated[int | None, Query(ge=1300, le=1500)] = None,
    year_to: Annotated[int | None, Query(ge=1300, le=1500)] = None,
) -> HTMLResponse:
    """The registry, filtered; clustered by agency kind when it is too big to draw."""
    from service.pictures import registry_graph
    from service.pictures.network import filter_form, render

    _see_all(actor)
    wanted = registry_graph.GraphFilter(agency or None, kind.value if kind else None, function or None,
                                        exchange_kind or None, year_from, year_to)  # fmt: skip
    graph = registry_graph.apply(registry_graph.build(await load_snapshot(runtime.store, ALL)), wanted)
    info = ""
    if graph.number_of_nodes() > registry_graph.DRAW_LIMIT:
        total = graph.number_of_nodes()
        graph = registry_graph.cluster_by_kind(graph)
        info = f"ثبت {total} گره دارد؛ برای خوانایی بر پایهٔ نوع دستگاه گروه‌بندی شد."
    values = {"agency": agency, "kind": kind.value if kind else None, "function": function,
              "exchange_kind": exchange_kind, "year_from": year_from, "year_to": year_to}  # fmt: skip
    form = filter_form(values, [k.value for k in AgencyKind])
    return HTMLResponse(render(graph, title="شبکهٔ دستگاه‌های اجرایی", info=info, form=form, current="/graph"))


@router.get("/graph/agency/{agency_id}", response_class=HTMLResponse)
async def neighbourhood(runtime: RuntimeDep, actor: ActorDep, agency_id: str,
                        hops: Annotated[int, Query(ge=1, le=4)] = 1) -> HTMLResponse:  # fmt: skip
    from service.pictures import registry_graph
    from service.pictures.network import render

    _see_all(actor)
    graph = registry_graph.build(await load_snapshot(runtime.store, ALL))
    if agency_id not in graph:
        raise ServiceError("NOT_FOUND", f"agency {agency_id!r} does not exist", "این دستگاه پیدا نشد", status=404)
    ego = registry_graph.ego(graph, agency_id, hops)
    name = graph.nodes[agency_id]["label"]
    return HTMLResponse(render(ego, title=f"همسایگی {name} ({hops} گام)"))


@router.get("/graph/overlay/duplication", response_class=HTMLResponse)
async def duplication_overlay(runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep,
                              fragmentation: bool = False) -> HTMLResponse:  # fmt: skip
    from service.pictures import overlays
    from service.pictures.network import render

    _see_all(actor)
    snap = await load_snapshot(runtime.store, runner.DUPLICATION_NEEDS)
    result = await runner.duplication(runtime.store, settings, snap)
    classes = {"duplication", "overlap"} | ({"fragmentation"} if fragmentation else set())
    graph = overlays.duplication_graph(snap, result, classes)
    legend = [(f"یافتهٔ {c}", CLASS_COLORS[c]) for c in sorted(classes)]
    return HTMLResponse(render(graph, title="موازی‌کاری میان وظایف", extra_legend=legend,
                               info="پهنای یال: امتیاز شباهت؛ رنگ: دستهٔ GAO", current="/graph/overlay/duplication"))  # fmt: skip


@router.get("/graph/overlay/winwin", response_class=HTMLResponse)
async def winwin_overlay(runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> HTMLResponse:
    from service.pictures import overlays
    from service.pictures.network import render

    _see_all(actor)
    snap = await load_snapshot(runtime.store, runner.WINWIN_NEEDS)
    result = await runner.winwin(runtime.store, settings, snap)
    graph, legend = overlays.winwin_graph(snap, result)
    return HTMLResponse(render(graph, title="فرصت‌های برد-برد", extra_legend=legend,
                               info="هر چرخه و جفت دوسویه رنگ خود را دارد؛ یال‌های ضخیم: مجموعهٔ برگزیده", current="/graph/overlay/winwin"))  # fmt: skip


async def _matrix(name: str, runtime: RuntimeDep, settings: SettingsDep):  # type: ignore[no-untyped-def]
    if name not in MATRICES:
        raise ServiceError("NOT_FOUND", f"use /matrix/<{'|'.join(MATRICES)}>", "چنین ماتریسی نیست", status=404)
    return (await runner.ANALYSES[name](runtime.store, settings)).matrix


@router.get("/matrix/{name}.svg")
async def matrix_svg(name: str, runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> Response:
    from service.pictures import heatmap

    _see_all(actor)
    body = heatmap.svg(await _matrix(name, runtime, settings), MATRICES.get(name, name))
    return Response(body, media_type="image/svg+xml", headers={"Content-Disposition": f'attachment; filename="{name}.svg"'})


@router.get("/matrix/{name}.png")
async def matrix_png(name: str, runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> Response:
    from service.pictures import heatmap

    _see_all(actor)
    body = heatmap.png(await _matrix(name, runtime, settings), MATRICES.get(name, name))
    return Response(body, media_type="image/png", headers={"Content-Disposition": f'attachment; filename="{name}.png"'})


@router.get("/matrix/{name}", response_class=HTMLResponse)
async def matrix_page(name: str, runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> HTMLResponse:
    from service.pictures import heatmap

    _see_all(actor)
    return HTMLResponse(heatmap.page(await _matrix(name, runtime, settings), MATRICES[name], name))
