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

from service.analysis.vocab.lists import ISSUE_SOURCES, terms
from service.data.taxonomy import function_name
from service.pictures import words
from service.pictures.measures import measures, tree_positions
from service.pictures.offline import finish
from service.pictures.style import LOOKS, PALETTE, rtl
from service.site.lang import Lang

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
COLOUR_BY = ("type", "kind", "level", "source", "division", "community")  # words: c_<key> in words.EXPLORER
SIZE_BY = ("degree", "volume", "betweenness", "none")  # words: s_<key>
MATRIX_NAMES = ("duplication", "winwin", "followup", "collaboration")  # words: words.MATRIX
GRAPHQL_FIELDS = {"Agency": "agency", "Duty": "duty", "Capacity": "capacity", "Need": "need", "Issue": "issue",
                  "Exchange": "exchange", "Request": "request", "WorkingGroup": "workingGroup", "Stakeholder": "stakeholder"}  # fmt: skip


def _short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def edge_width(amount: float | None, count: float | None = None) -> float:
    """Wider for more money (log scale, rials) or more records."""
    if amount:
        return round(1 + math.log10(1 + amount / 1e8), 2)
    if count:
        return round(1 + math.log2(1 + count), 2)
    return 1.0


def type_name(record_type: str, lang: Lang) -> str:
    look = LOOKS[record_type]
    return look.name_en if lang == "en" else look.name_fa


def _palettes(g: nx.MultiDiGraph, measured: dict[str, dict[str, Any]], lang: Lang = "fa") -> dict[str, dict[str, tuple[str, str]]]:
    """For each colour-by attribute: value -> (legend name in the page's language, colour); "" is everything else."""
    other = (words.explorer(lang, "other_records"), "#c3c9d4")
    types = {t: (type_name(t, lang), LOOKS[t].color) for t in LOOKS}
    kinds = {k: (words.word(k, lang), PALETTE[i % len(PALETTE)]) for i, k in enumerate(words.KINDS)}
    levels = {k: (words.word(k, lang), PALETTE[i % len(PALETTE)]) for i, k in enumerate(words.LEVELS)}
    divisions = sorted({m["division"] for m in measured.values() if m["division"]})
    division = {d: (f"{d if lang == 'en' else words.fa(d)} {function_name(d, lang) or ''}".strip(), PALETTE[i % len(PALETTE)])
                for i, d in enumerate(divisions)}  # fmt: skip
    communities = sorted({m["community"] for m in measured.values() if m["community"]})
    community = {str(c): (words.explorer(lang, "community", n=words.num(c, lang=lang)), PALETTE[(c - 1) % len(PALETTE)]) for c in communities}
    sources = {t.code: (f"{words.num(t.position, lang=lang)}. {t.label(lang)}", PALETTE[i % len(PALETTE)])
               for i, t in enumerate(terms(ISSUE_SOURCES))}  # an issue's information source (seed 001's nine)
    return {"type": types, "kind": kinds | {"": other}, "level": levels | {"": other}, "source": sources | {"": other},
            "division": division | {"": other},
            "community": community | {"": other}}  # fmt: skip


def _links(node: str, data: dict[str, Any], matrices: bool, lang: Lang = "fa") -> list[tuple[str, str]]:
    """The side panel's buttons: neighbourhood, matrix rows, the record in GraphiQL."""
    kind = data["type"]
    out: list[tuple[str, str]] = []
    if kind == "Agency":
        out.append((words.explorer(lang, "hood_link"), f"/graph/agency/{quote(node)}?hops=1"))
        if matrices:
            out += [(words.explorer(lang, "row_in", matrix=words.say(lang, m)), f"/matrix/{m}#row-{quote(node)}") for m in MATRIX_NAMES]
    field = GRAPHQL_FIELDS.get(kind)
    if field:
        name = "nameFa" if kind in ("Agency", "WorkingGroup", "Stakeholder") else ("subject" if kind == "Request" else "titleFa")
        query = f'{{ {field}(id: "{node}") {{ id {name} }} }}'
        out.append((words.explorer(lang, "in_graphiql"), "/graphql?" + urlencode({"q": query})))
    return out


def render(g: nx.MultiDiGraph, *, title: str, info: str = "", form: str = "", extra_legend: list[tuple[str, str]] | None = None,
           current: str = "", graphml: str | None = None, file: str = "hamahang-graph", lang: Lang = "fa",
           switch: str = "") -> str:  # fmt: skip
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
            "links": _links(str(node), data, matrices, lang), "kind": data.get("kind") or "", "level": data.get("level") or "",
            "source": data.get("source") or "",
            "community": str(m["community"]), "division": m["division"], "degree": m["degree"],
            "volume": m["volume"], "betweenness": m["betweenness"],
        }  # fmt: skip
    edge_types: list[str] = []
    for a, b, data in g.edges(data=True):
        rel = str(data.get("type", ""))
        if rel not in edge_types:
            edge_types.append(rel)
        net.add_edge(
            a, b, title=data.get("title") or relation(rel, lang), rel=rel,
            width=data.get("width") or edge_width(data.get("amount"), data.get("count")),
            color=data.get("color", "#9aa3b2"), dashes=bool(data.get("dashes")), arrows="to" if data.get("arrow", True) else "",
        )  # fmt: skip
    options = copy.deepcopy(OPTIONS)
    if g.number_of_nodes() <= SMALL:  # few nodes, mostly labelled boxes: room enough to keep them apart
        options["physics"]["forceAtlas2Based"] |= {"avoidOverlap": 1.0, "gravitationalConstant": -150, "springLength": 200, "centralGravity": 0.01}
    net.set_options(json.dumps(options))
    payload = {
        "nodes": data_nodes, "file": file,
        "types": {t: {"name": type_name(t, lang), "color": LOOKS[t].color} for t in LOOKS},
        "palettes": _palettes(g, measured, lang), "tree": tree_positions(g),
        "lang": lang, "words": {k: words.explorer(lang, k) for k in words.JS_KEYS},
    }  # fmt: skip
    counts = words.explorer(lang, "counts", nodes=words.num(g.number_of_nodes(), lang=lang), edges=words.num(g.number_of_edges(), lang=lang))
    controls = _controls(g, node_types, edge_types, extra_legend or [], graphml, lang)
    return finish(net.generate_html(), title=title, info=info, counts=counts, form=form, current=current,
                  controls=controls, data=json.dumps(payload, ensure_ascii=False), lang=lang, switch=switch)  # fmt: skip


def relation(rel: str, lang: Lang) -> str:
    """An edge type's name: Persian from words.RELATIONS, English as words ("ADDRESSED_TO" -> "addressed to")."""
    if lang == "en":
        return rel.removeprefix("role_").replace("_", " ").lower()
    return words.RELATIONS.get(rel, words.word(rel))


def _controls(g: nx.MultiDiGraph, node_types: list[str], edge_types: list[str], extra: list[tuple[str, str]],
              graphml: str | None, lang: Lang = "fa") -> str:  # fmt: skip
    """Search, size/colour selects, type toggles with counts (the type legend), exports."""

    def w(key: str, **fmt: object) -> str:
        return html.escape(words.explorer(lang, key, **fmt))

    count_t = Counter(d["type"] for _, d in g.nodes(data=True))
    count_e = Counter(str(d.get("type", "")) for _, _, d in g.edges(data=True))
    size = "".join(f'<option value="{k}">{w("s_" + k)}</option>' for k in SIZE_BY)
    colour = "".join(f'<option value="{k}">{w("c_" + k)}</option>' for k in COLOUR_BY)
    node_boxes = "".join(
        f'<label><input type="checkbox" checked data-node-type="{t}"><i style="background:{LOOKS[t].color}"></i>'
        f"{html.escape(type_name(t, lang))} ({words.num(count_t[t], lang=lang)})</label>" for t in node_types
    )
    edge_boxes = "".join(
        f'<label><input type="checkbox" checked data-edge-type="{html.escape(t)}">'
        f"{html.escape(relation(t, lang))} ({words.num(count_e[t], lang=lang)})</label>" for t in edge_types
    )
    extra_html = "".join(f'<span><i style="background:{c}"></i>{html.escape(n)}</span>' for n, c in extra)
    export = f'<a href="{html.escape(graphml)}" download id="hh-graphml">{w("graphml")}</a>' if graphml else ""
    return f"""<div class="hh-tools">
<div class="hh-search" role="search"><label for="hh-search">{w("search")}</label>
<input id="hh-search" type="search" autocomplete="off" placeholder="{w("search_hint")}" aria-controls="hh-suggest">
<ul id="hh-suggest" role="listbox" hidden></ul><span id="hh-search-none" class="muted" hidden>{w("not_found")}</span></div>
<label>{w("size_by")} <select id="hh-size">{size}</select></label>
<label>{w("colour_by")} <select id="hh-colour">{colour}</select></label>
<label>{w("layout")} <select id="hh-layout"><option value="force">{w("layout_force")}</option><option value="tree">{w("layout_tree")}</option></select></label>
<button type="button" id="hh-fit">{w("fit")}</button><button type="button" id="hh-png">{w("png")}</button>
<button type="button" id="hh-svg">{w("svg")}</button>{export}
</div>
<details class="hh-layers" open><summary>{w("layers")}</summary><div class="hh-toggles">{node_boxes}</div>
<div class="hh-toggles edges">{edge_boxes}</div></details>
<div class="hh-legend"><span id="hh-size-note">{w("size_note", what=words.explorer(lang, "s_degree"))}</span></div>
<div class="hh-legend" id="hh-colour-legend" aria-label="{w("colour_legend")}"></div><div class="hh-legend">{extra_html}</div>"""


def filter_form(values: dict[str, Any], errors: dict[str, str] | None = None, lang: Lang = "fa") -> str:
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
        opts = "".join(f'<option value="{k}"{" selected" if values.get(name) == k else ""}>{html.escape(words.word(k, lang))}</option>'
                       for k in table)  # fmt: skip
        note = f'<span class="error" id="err-{name}">{html.escape(errors[name])}</span>' if name in errors else ""
        return f'<label>{label}<select name="{name}"><option value="">{w("f_all")}</option>{opts}</select>{note}</label>'

    def w(key: str) -> str:
        return html.escape(words.explorer(lang, key))

    en = lang == "en"
    return (
        '<form class="hh-form" method="get" action="/graph" id="hh-filter">'
        + field("agency", w("f_agency"), "14rem", w("f_agency_hint"))
        + select("kind", w("f_kind"), words.KINDS)
        + field("function", w("f_function"), "6rem", "06.3" if en else "۰۶٫۳")
        + select("exchange_kind", w("f_exchange_kind"), words.EXCHANGE_KINDS)
        + field("year_from", w("f_year_from"), "5rem", "1401" if en else "۱۴۰۱") + field("year_to", w("f_year_to"), "5rem", "1404" if en else "۱۴۰۴")
        + f'<button type="submit">{w("f_show")}</button></form>'
    )
