"""Agreements drawn over the registry (``/graph/overlay/agreements``): each agreement an edge from
its provider to its receiver, coloured by status, thicker for more rials, dashed when late, with
its title, kind, value, period and what awaits an answer on hover."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from service.analysis.snapshot import ALL, Snapshot, load_snapshot
from service.api.deps import ActorDep, RuntimeDep, SettingsDep
from service.auth.policy import require_role
from service.domain.actor import Role
from service.domain.agreement import is_late
from service.registry.agreement_steps import load_steps
from service.registry.clock import today_iso
from service.registry.repository import Repository
from service.site.lang import Lang, lang_of, remember, switch_url
from service.storage.port import Row

if TYPE_CHECKING:  # networkx: loaded by the handler that draws (tests/test_startup.py)
    import networkx as nx

router = APIRouter(tags=["pictures"])
COLORS = {"draft": "#9aa3b5", "signed": "#5b7fd6", "active": "#0f6e5a", "completed": "#d68b1f", "settled": "#6a3fa0",
          "terminated": "#a5321c"}  # fmt: skip
STATUS = {"draft": ("پیش‌نویس", "draft"), "signed": ("امضاشده", "signed"), "active": ("در حال اجرا", "active"),
          "completed": ("انجام‌شده", "completed"), "settled": ("تسویه‌شده", "settled"), "terminated": ("فسخ‌شده", "terminated")}  # fmt: skip
KINDS = {"financial": ("مالی", "financial"), "service": ("خدمت", "service"), "infrastructure": ("زیرساخت", "infrastructure"),
         "knowledge_based_contract": ("قرارداد با شرکت دانش‌بنیان", "knowledge-based contract"),
         "innovative_contract": ("قرارداد نوآورانه", "innovative contract")}  # fmt: skip
WORDS = {"title": ("قراردادهای میان دستگاه‌ها", "Agreements between agencies"),
         "info": ("هر یال یک قرارداد است، از ارائه‌دهنده به گیرنده؛ رنگ: وضعیت؛ ضخامت: مبلغ؛ خط‌چین: عقب‌افتاده.",
                  "Each edge is an agreement, provider to receiver; colour: status; width: value; dashed: late."),
         "awaiting": ("{n} گام منتظر پاسخ", "{n} steps awaiting an answer"), "late": ("عقب‌افتاده", "late")}  # fmt: skip


def _w(lang: Lang, key: str, **fmt: object) -> str:
    fa, en = WORDS[key]
    return (en if lang == "en" else fa).format(**fmt)


def agreements_graph(snap: Snapshot, steps: dict[str, list[Row]], today: str, lang: Lang = "fa") -> tuple[nx.MultiDiGraph, list[tuple[str, str]]]:
    import networkx as nx

    from service.pictures import registry_graph, words

    full = registry_graph.build(snap, lang)
    g = nx.MultiDiGraph()
    top = max((math.log1p(a.get("valueRials") or 0) for a in snap["agreement"]), default=1.0) or 1.0
    for a in snap["agreement"]:
        mine = steps.get(a["id"], [])
        waiting = sum(1 for s in mine if s["status"] in ("placed", "reported", "recorded"))
        behind = is_late(a, mine, today)
        lines = [f"«{a['titleFa']}»", f"{KINDS[a['kind']][1 if lang == 'en' else 0]} · {STATUS[a['status']][1 if lang == 'en' else 0]}",
                 words.rials(a.get("valueRials"), lang), f"{words.jdate(a.get('periodFrom'), lang)} – {words.jdate(a.get('periodTo'), lang)}"]  # fmt: skip
        if waiting:
            lines.append(_w(lang, "awaiting", n=words.num(waiting, lang=lang)))
        if behind:
            lines.append(_w(lang, "late"))
        for p in a["providerIds"]:
            for r in a["receiverIds"]:
                for ident in (p, r):
                    if ident in full and ident not in g:
                        g.add_node(ident, **full.nodes[ident])
                g.add_edge(p, r, type="AGREEMENT", color=COLORS[a["status"]], dashes=behind, agreement=a["id"],
                           width=round(1 + 6 * math.log1p(a.get("valueRials") or 0) / top, 2), title="\n".join(lines))  # fmt: skip
    legend = [(STATUS[s][1 if lang == "en" else 0], c) for s, c in COLORS.items()]
    return g, legend


@router.get("/graph/overlay/agreements", response_class=HTMLResponse)
async def agreements_overlay(request: Request, runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> HTMLResponse:
    from service.pictures.network import render

    require_role(actor, Role.DIRECTORATE, Role.ANALYST)
    repo = Repository(runtime.store, actor, settings.shared_with_agencies)
    snap = await load_snapshot(repo, (*ALL, "agreement"))
    steps = await load_steps(repo, [a["id"] for a in snap["agreement"]]) if snap["agreement"] else {}
    lang = lang_of(request)
    graph, legend = agreements_graph(snap, steps, settings.today or today_iso(), lang)
    body = render(graph, title=_w(lang, "title"), extra_legend=legend, info=_w(lang, "info"), current="/graph/overlay/agreements",
                  lang=lang, switch=switch_url(request, lang))  # fmt: skip
    return remember(request, HTMLResponse(body))
