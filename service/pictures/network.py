"""Draw a networkx graph with pyvis as a self-contained, offline, right-to-left page."""

from __future__ import annotations

import html
import json
import math
from typing import Any

import networkx as nx
from pyvis.network import Network

from service.pictures.offline import finish
from service.pictures.style import LOOKS, rtl

OPTIONS: dict[str, Any] = {
    "nodes": {"font": {"face": "Vazirmatn", "size": 14}, "borderWidth": 1},
    "edges": {"smooth": {"enabled": True, "type": "continuous"}, "color": {"inherit": False}},
    "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
    "physics": {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110, "avoidOverlap": 0.4},
        "stabilization": {"enabled": True, "iterations": 250, "fit": True},
    },
}


def _short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def edge_width(amount: float | None, count: float | None = None) -> float:
    """Wider for more money (log scale, rials) or more records."""
    if amount:
        return round(1 + math.log10(1 + amount / 1e8), 2)
    if count:
        return round(1 + math.log2(1 + count), 2)
    return 1.0


def render(g: nx.MultiDiGraph, *, title: str, info: str = "", form: str = "", extra_legend: list[tuple[str, str]] | None = None,
           current: str = "") -> str:  # fmt: skip
    """The page: nodes coloured and shaped by type, edges sized by amount or count, a legend, the counts."""
    net = Network(height="76vh", width="100%", directed=True, cdn_resources="in_line")
    types: list[str] = []
    for node, data in g.nodes(data=True):
        look = LOOKS[data["type"]]
        if data["type"] not in types:
            types.append(data["type"])
        label_color = "#ffffff" if look.shape in ("box", "database") else "#1d2330"
        extra = {"value": data["size"]} if data.get("size") else {}  # a null value would shrink the node to nothing
        net.add_node(
            node, label=rtl(_short(str(data.get("label", node)))), title=data.get("title") or str(node),
            color=data.get("color", look.color), shape=look.shape, font={"color": label_color, "face": "Vazirmatn"},
            size=16, kind=data["type"], **extra,
        )  # fmt: skip
    for a, b, data in g.edges(data=True):
        net.add_edge(
            a, b, title=data.get("title") or data.get("type", ""), width=data.get("width") or edge_width(data.get("amount"), data.get("count")),
            color=data.get("color", "#9aa3b2"), dashes=bool(data.get("dashes")), arrows="to" if data.get("arrow", True) else "",
        )  # fmt: skip
    net.set_options(json.dumps(OPTIONS))
    legend = [(f"{LOOKS[t].name_fa} ({LOOKS[t].name_en})", LOOKS[t].color) for t in types] + (extra_legend or [])
    counts = f"{g.number_of_nodes()} گره و {g.number_of_edges()} یال نمایش داده می‌شود"
    return finish(net.generate_html(), title=title, info=f"{counts}. {info}".strip(), legend=legend, form=form, current=current)


def filter_form(values: dict[str, Any], kinds: list[str]) -> str:
    """The small form on /graph; it submits the same query parameters the URL takes."""
    def field(name: str, label: str, width: str = "8rem") -> str:
        value = html.escape(str(values.get(name) or ""))
        return f'<label>{label}<input name="{name}" value="{value}" style="width:{width}"></label>'

    options = "".join(f'<option value="{k}"{" selected" if values.get("kind") == k else ""}>{k}</option>' for k in kinds)
    ex_opts = "".join(f'<option value="{k}"{" selected" if values.get("exchange_kind") == k else ""}>{k}</option>'
                      for k in ("financial", "service", "infrastructure"))  # fmt: skip
    return (
        '<form class="hh-form" method="get" action="/graph">'
        + field("agency", "دستگاه (شناسه)", "10rem")
        + f'<label>نوع دستگاه<select name="kind"><option value="">همه</option>{options}</select></label>'
        + field("function", "کد کارکرد COFOG", "6rem")
        + f'<label>نوع مبادله<select name="exchange_kind"><option value="">همه</option>{ex_opts}</select></label>'
        + field("year_from", "از سال", "5rem") + field("year_to", "تا سال", "5rem")
        + '<button type="submit">نمایش</button></form>'
    )
