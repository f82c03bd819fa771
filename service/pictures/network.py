"""Draw a networkx graph with pyvis as a self-contained, offline, right-to-left page."""

from __future__ import annotations

import copy
import html
import json
import math
from collections import Counter
from typing import Any
from urllib.parse import quote, urlencode

import networkx as nx
from pyvis.network import Network

from service.data.taxonomy import function_name
from service.pictures import words
from service.pictures.measures import measures, tree_positions
from service.pictures.offline import finish
from service.pictures.style import LOOKS, PALETTE, rtl

OPTIONS: dict[str, Any] = {
    "nodes": {
        "font": {"face": "Vazirmatn", "size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
        "borderWidth": 1,
        # size follows the node's value; so does its label, which is hidden while it would be drawn
        # smaller than drawThreshold px: the important nodes are labelled at first, the rest on zoom
        "scaling": {"min": 8, "max": 42, "label": {"enabled": True, "min": 12, "max": 30, "maxVisible": 15, "drawThreshold": 9}},
    },
    "edges": {"smooth": False, "color": {"inherit": False}, "arrows": {"to": {"scaleFactor": 0.5}}},
    "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False, "keyboard": False},
    "physics": {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -40, "centralGravity": 0.05, "springLength": 60, "avoidOverlap": 0.5},
        "stabilization": {"enabled": True, "iterations": 300, "fit": True},
    },
}
SMALL = 80  # nodes: below this the layout spreads labels apart rather than packing the view
INSIDE = ("box", "ellipse", "database", "circle", "text")  # shapes whose label is drawn inside them
COLOUR_BY = (("type", "نوع رکورد"), ("kind", "نوع دستگاه"), ("level", "سطح دستگاه"), ("division", "بخش کارکردی COFOG"),
             ("community", "اجتماع (لووَن)"))  # fmt: skip
SIZE_BY = (("degree", "شمار پیوندها"), ("volume", "حجم مبادلات (ریال)"), ("betweenness", "میانجی‌گری"), ("none", "یکسان"))

MATRIX_NAMES = (("duplication", "ماتریس موازی‌کاری"), ("winwin", "ماتریس برد-برد"), ("followup", "ماتریس پیگیری"),
                ("collaboration", "ماتریس مبادلات"))  # fmt: skip
GRAPHQL_FIELDS = {"Agency": "agency", "Duty": "duty", "Capacity": "capacity", "Need": "need", "Issue": "issue",
                  "Exchange": "exchange", "Request": "request", "WorkingGroup": "workingGroup"}  # fmt: skip


def _short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def edge_width(amount: float | None, count: float | None = None) -> float:
    """Wider for more money (log scale, rials) or more records."""
    if amount:
        return round(1 + math.log10(1 + amount / 1e8), 2)
    if count:
        return round(1 + math.log2(1 + count), 2)
    return 1.0


def _palettes(g: nx.MultiDiGraph, measured: dict[str, dict[str, Any]]) -> dict[str, dict[str, tuple[str, str]]]:
    """For each colour-by attribute: value -> (Persian legend name, colour); "" is everything else."""
    other = ("دیگر رکوردها", "#c3c9d4")
    types = {t: (LOOKS[t].name_fa, LOOKS[t].color) for t in LOOKS}
    kinds = {k: (words.KINDS[k], PALETTE[i % len(PALETTE)]) for i, k in enumerate(words.KINDS)}
    levels = {k: (words.LEVELS[k], PALETTE[i % len(PALETTE)]) for i, k in enumerate(words.LEVELS)}
    divisions = sorted({m["division"] for m in measured.values() if m["division"]})
    division = {d: (f"{words.fa(d)} {function_name(d, 'fa') or ''}".strip(), PALETTE[i % len(PALETTE)]) for i, d in enumerate(divisions)}
    communities = sorted({m["community"] for m in measured.values() if m["community"]})
    community = {str(c): (f"اجتماع {words.num(c)}", PALETTE[(c - 1) % len(PALETTE)]) for c in communities}
    return {"type": types, "kind": kinds | {"": other}, "level": levels | {"": other}, "division": division | {"": other},
            "community": community | {"": other}}  # fmt: skip


def _links(node: str, data: dict[str, Any], matrices: bool) -> list[tuple[str, str]]:
    """The side panel's buttons: neighbourhood, matrix rows, the record in GraphiQL."""
    kind = data["type"]
    out: list[tuple[str, str]] = []
    if kind == "Agency":
        out.append(("همسایگی این دستگاه", f"/graph/agency/{quote(node)}?hops=1"))
        if matrices:
            out += [(f"ردیف در {t}", f"/matrix/{m}#row-{quote(node)}") for m, t in MATRIX_NAMES]
    field = GRAPHQL_FIELDS.get(kind)
    if field:
        name = "nameFa" if kind in ("Agency", "WorkingGroup") else ("subject" if kind == "Request" else "titleFa")
        query = f'{{ {field}(id: "{node}") {{ id {name} }} }}'
        out.append(("رکورد در GraphiQL", "/graphql?" + urlencode({"q": query})))
    return out


def render(g: nx.MultiDiGraph, *, title: str, info: str = "", form: str = "", extra_legend: list[tuple[str, str]] | None = None,
           current: str = "", graphml: str | None = None, file: str = "hamahang-graph") -> str:  # fmt: skip
    """The explorer page: nodes shaped by type and sized by degree, labels for the important ones,
    search, side panel, size/colour controls with a legend, type toggles, PNG and GraphML export."""
    net = Network(height="74vh", width="100%", directed=True, cdn_resources="in_line")
    measured = measures(g)
    node_types: list[str] = []
    data_nodes: dict[str, dict[str, Any]] = {}
    matrices = any(d["type"] == "Agency" for _, d in g.nodes(data=True))
    # agencies are drawn above every record (their labels stay readable at the first view; records'
    # labels appear on zoom): their value starts at twice the largest degree, so they take the upper
    # two thirds of the label sizes whatever the spread of degrees
    bonus = 2 * max((m["degree"] + 1 for m in measured.values()), default=1)
    for node, data in g.nodes(data=True):
        look = LOOKS[data["type"]]
        if data["type"] not in node_types:
            node_types.append(data["type"])
        m = measured.get(node, {"degree": 0, "volume": 0.0, "betweenness": 0.0, "community": 0, "division": ""})
        label_color = "#ffffff" if look.shape in INSIDE else "#1d2330"
        stroke = 0 if look.shape in INSIDE else 3
        value = data.get("size") or m["degree"] + 1 + (bonus if data["type"] == "Agency" else 0)
        net.add_node(
            node, label=rtl(_short(str(data.get("label", node)))), title=data.get("title") or str(node),
            color=data.get("color", look.color), shape=look.shape, value=value,
            font={"color": label_color, "face": "Vazirmatn", "strokeWidth": stroke},
        )  # fmt: skip
        data_nodes[str(node)] = {
            "type": data["type"], "name": str(data.get("label", node)), "fields": data.get("fields") or [],
            "links": _links(str(node), data, matrices), "kind": data.get("kind") or "", "level": data.get("level") or "",
            "community": str(m["community"]), "division": m["division"], "degree": m["degree"],
            "volume": m["volume"], "betweenness": m["betweenness"],
        }  # fmt: skip
    edge_types: list[str] = []
    for a, b, data in g.edges(data=True):
        rel = str(data.get("type", ""))
        if rel not in edge_types:
            edge_types.append(rel)
        net.add_edge(
            a, b, title=data.get("title") or words.RELATIONS.get(rel, words.word(rel)), rel=rel,
            width=data.get("width") or edge_width(data.get("amount"), data.get("count")),
            color=data.get("color", "#9aa3b2"), dashes=bool(data.get("dashes")), arrows="to" if data.get("arrow", True) else "",
        )  # fmt: skip
    options = copy.deepcopy(OPTIONS)
    if g.number_of_nodes() <= SMALL:  # few nodes, mostly labelled boxes: room enough to keep them apart
        options["physics"]["forceAtlas2Based"] |= {"avoidOverlap": 1.0, "gravitationalConstant": -150, "springLength": 200, "centralGravity": 0.01}
    net.set_options(json.dumps(options))
    payload = {
        "nodes": data_nodes, "file": file,
        "types": {t: {"name": LOOKS[t].name_fa, "color": LOOKS[t].color} for t in LOOKS},
        "palettes": _palettes(g, measured), "tree": tree_positions(g),
    }  # fmt: skip
    counts = f"{words.num(g.number_of_nodes())} گره و {words.num(g.number_of_edges())} یال"
    controls = _controls(g, node_types, edge_types, extra_legend or [], graphml)
    return finish(net.generate_html(), title=title, info=info, counts=counts, form=form, current=current,
                  controls=controls, data=json.dumps(payload, ensure_ascii=False))  # fmt: skip


def _controls(g: nx.MultiDiGraph, node_types: list[str], edge_types: list[str], extra: list[tuple[str, str]],
              graphml: str | None) -> str:  # fmt: skip
    """Search, size/colour selects, type toggles with counts (the type legend), exports."""
    count_t = Counter(d["type"] for _, d in g.nodes(data=True))
    count_e = Counter(str(d.get("type", "")) for _, _, d in g.edges(data=True))
    size = "".join(f'<option value="{k}">{html.escape(v)}</option>' for k, v in SIZE_BY)
    colour = "".join(f'<option value="{k}">{html.escape(v)}</option>' for k, v in COLOUR_BY)
    node_boxes = "".join(
        f'<label><input type="checkbox" checked data-node-type="{t}"><i style="background:{LOOKS[t].color}"></i>'
        f"{html.escape(LOOKS[t].name_fa)} ({words.num(count_t[t])})</label>" for t in node_types
    )
    edge_boxes = "".join(
        f'<label><input type="checkbox" checked data-edge-type="{html.escape(t)}">'
        f"{html.escape(words.RELATIONS.get(t, words.word(t)))} ({words.num(count_e[t])})</label>" for t in edge_types
    )
    extra_html = "".join(f'<span><i style="background:{c}"></i>{html.escape(n)}</span>' for n, c in extra)
    export = f'<a href="{html.escape(graphml)}" download id="hh-graphml">GraphML این نما</a>' if graphml else ""
    return f"""<div class="hh-tools">
<div class="hh-search" role="search"><label for="hh-search">جست‌وجو</label>
<input id="hh-search" type="search" autocomplete="off" placeholder="نام دستگاه یا رکورد…" aria-controls="hh-suggest">
<ul id="hh-suggest" role="listbox" hidden></ul><span id="hh-search-none" class="muted" hidden>یافت نشد</span></div>
<label>اندازه بر پایهٔ <select id="hh-size">{size}</select></label>
<label>رنگ بر پایهٔ <select id="hh-colour">{colour}</select></label>
<label>چیدمان <select id="hh-layout"><option value="force">نیرو (خوشه‌ها)</option><option value="tree">درختی (ساختار دستگاه‌ها)</option></select></label>
<button type="button" id="hh-fit">نمای کامل</button><button type="button" id="hh-png">خروجی PNG</button>
<button type="button" id="hh-svg">خروجی SVG</button>{export}
</div>
<details class="hh-layers" open><summary>لایه‌ها</summary><div class="hh-toggles">{node_boxes}</div><div class="hh-toggles edges">{edge_boxes}</div></details>
<div class="hh-legend"><span id="hh-size-note">اندازه: شمار پیوندها (دستگاه‌ها درشت‌تر از رکوردها)</span></div>
<div class="hh-legend" id="hh-colour-legend" aria-label="راهنمای رنگ"></div><div class="hh-legend">{extra_html}</div>"""


def filter_form(values: dict[str, Any], errors: dict[str, str] | None = None) -> str:
    """The form on /graph in Persian: agency by name (or id), kind and exchange kind by their Persian
    names, Jalali years in Persian or Latin digits; each error beside its field."""
    errors = errors or {}

    def field(name: str, label: str, width: str = "8rem", hint: str = "") -> str:
        value = html.escape(str(values.get(name) or ""))
        bad = f' aria-invalid="true" aria-describedby="err-{name}"' if name in errors else ""
        note = f'<span class="error" id="err-{name}">{html.escape(errors[name])}</span>' if name in errors else ""
        extra = f' placeholder="{hint}"' if hint else ""
        return f'<label>{label}<input name="{name}" value="{value}" style="width:{width};max-width:80vw"{bad}{extra}>{note}</label>'

    def select(name: str, label: str, table: dict[str, str]) -> str:
        opts = "".join(f'<option value="{k}"{" selected" if values.get(name) == k else ""}>{html.escape(v)}</option>'
                       for k, v in table.items())  # fmt: skip
        note = f'<span class="error" id="err-{name}">{html.escape(errors[name])}</span>' if name in errors else ""
        return f'<label>{label}<select name="{name}"><option value="">همه</option>{opts}</select>{note}</label>'

    return (
        '<form class="hh-form" method="get" action="/graph" id="hh-filter">'
        + field("agency", "دستگاه (نام یا شناسه)", "14rem", "مثلاً آب و فاضلاب")
        + select("kind", "نوع دستگاه", words.KINDS)
        + field("function", "کد کارکرد COFOG", "6rem", "۰۶٫۳")
        + select("exchange_kind", "نوع مبادله", words.EXCHANGE_KINDS)
        + field("year_from", "از سال", "5rem", "۱۴۰۱") + field("year_to", "تا سال", "5rem", "۱۴۰۴")
        + '<button type="submit">نمایش</button></form>'
    )
