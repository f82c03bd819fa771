"""Agency × agency matrices as heatmaps: an SVG (hover shows the cell's evidence), a page around
it, and a PNG. Agencies are ordered so blocks show; Persian labels are shaped by the browser (SVG)
and by matplotlib itself (PNG: >= 3.10 shapes Arabic script; labels go in as plain text)."""

from __future__ import annotations

import html
import io
import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from service.analysis.matrix import AgencyMatrix, AgencyRef
from service.pictures.offline import font_face
from service.site.lang import Lang, direction
from service.site.nav import nav_bar
from service.text.persian import to_persian_digits

if TYPE_CHECKING:
    from service.analysis.duplication import DuplicationResult

CELL = 22
LABEL = 230
SCALE = ("#f4f7f6", "#0f6e5a")  # empty to full


def _mix(share: float) -> str:
    lo = [int(SCALE[0][i : i + 2], 16) for i in (1, 3, 5)]
    hi = [int(SCALE[1][i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(a + (b - a) * share):02x}" for a, b in zip(lo, hi, strict=True))


def involved(matrix: AgencyMatrix) -> list[AgencyRef]:
    """Only agencies with a non-empty cell, in block order."""
    used = {a for key in matrix.cells for a in key}
    return [a for a in matrix.ordered() if a.id in used]


def describe(e: dict[str, Any], titles: dict[str, str], lang: Lang = "fa") -> str:
    """One piece of a cell's evidence in the page's language: the records by name, dates (Jalali;
    Gregorian beside it in English), rials."""
    from service.pictures import words

    def name(key: str) -> str:
        ident = str(e.get(key) or "")
        return f"«{titles.get(ident, ident)}»"

    def w(key: str, **fmt: object) -> str:
        return words.say(lang, key, **fmt)

    if "actionId" in e:  # a coordination plan's action (service/site/plan_page.py writes its lines in both languages)
        return str(e.get("line_en") if lang == "en" else e.get("line_fa"))
    if "findingId" in e:
        cls = str(e.get("class"))
        score = w("score", score=words.num(float(e["score"]), 2, lang)) if e.get("score") else ""
        label = cls if lang == "en" else words.CLASSES.get(cls, cls)
        return w("finding", cls=label, a=name("dutyA"), b=name("dutyB")) + score
    if "capacityId" in e:
        net = w("net", value=words.rials(float(e["net"]), lang)) if e.get("net") else ""
        return w("capacity", cap=name("capacityId"), kind=words.word(str(e.get("targetKind")), lang), target=name("targetId"), net=net)
    if "requestId" in e:
        due = w("due", date=words.jdate(str(e["dueDate"]), lang)) if e.get("dueDate") else ""
        late = w("late") if e.get("overdue") else ""
        subject = e.get("subject") or titles.get(str(e["requestId"]), "")
        return w("request", subject=subject, status=words.word(str(e.get("status")), lang), due=due, late=late)
    if "exchangeId" in e:
        money = (", " if lang == "en" else "، ") + words.rials(float(e["amountRials"]), lang) if e.get("amountRials") else ""
        if not money and e.get("estimatedValueRials"):  # a service's estimated worth, said to be one
            money = (", " if lang == "en" else "، ") + words.rials(float(e["estimatedValueRials"]), lang) + (" estimated" if lang == "en" else " (برآورد)")
        when = w("when", date=words.jdate(str(e["date"]), lang)) if e.get("date") else ""
        return w("exchange", kind=words.word(str(e.get("kind")), lang), name=name("exchangeId"), when=when, money=money)
    return w("unnamed")


def _summary(evidence: list[dict[str, Any]], titles: dict[str, str], lang: Lang = "fa") -> str:
    from service.pictures import words

    lines = [describe(e, titles, lang) for e in evidence[:4]]
    more = "\n" + words.say(lang, "more", n=words.num(len(evidence) - 4, lang=lang)) if len(evidence) > 4 else ""
    return "\n".join(lines) + more


def label_of(agency: AgencyRef, lang: Lang) -> str:
    """An agency's name in the page's language (Persian where it has no English name)."""
    return agency.name_en if lang == "en" and agency.name_en else agency.name_fa


def svg(matrix: AgencyMatrix, title: str, embed_font: bool = True, titles: dict[str, str] | None = None,
        lang: Lang = "fa") -> str:  # fmt: skip
    """A standalone SVG (font inlined unless a page around it has the font): rows on the right as
    Persian reads, columns on top (the same layout in English, names and digits in English)."""
    from service.pictures import words

    titles = titles or {}
    ltr = lang == "en"  # English: names read left to right, row names start just right of the grid
    order = involved(matrix)
    n = len(order)
    peak = max((c.value for c in matrix.cells.values()), default=1.0) or 1.0
    width, height = LABEL + n * CELL + 20, LABEL + n * CELL + 70
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           f'font-family="Vazirmatn, Tahoma, sans-serif" font-size="11" direction="{direction(lang)}">',
           f"<style>{font_face() if embed_font else ''} rect.cell:hover{{stroke:#c8341f;stroke-width:2}}</style>",
           f'<text x="{width - LABEL + 6 if ltr else width - 10}" y="18" font-size="14" text-anchor="start">{html.escape(title)}</text>']  # fmt: skip
    grid_right = width - LABEL
    for i, agency in enumerate(order):  # row labels right-aligned at the right edge, columns rotated above
        y = LABEL + i * CELL + CELL * 0.7
        out.append(f'<text x="{grid_right + 6 if ltr else width - 8}" y="{y:.1f}" text-anchor="start" class="row-name" data-agency="{html.escape(agency.id)}">'
                   f"{html.escape(label_of(agency, lang))}</text>")  # fmt: skip
        x = grid_right - (i + 1) * CELL + CELL * 0.65
        out.append(f'<text transform="translate({x:.1f},{LABEL - 6}) rotate(-60)" direction="ltr" text-anchor="start">'
                   f"{html.escape(label_of(agency, lang))}</text>")  # fmt: skip
    for i, row in enumerate(order):
        for j, col in enumerate(order):
            cell = matrix.cells.get((row.id, col.id))
            if cell is None:
                continue
            x, y = grid_right - (j + 1) * CELL, LABEL + i * CELL
            head = words.say(lang, "cell", row=label_of(row, lang), col=label_of(col, lang), value=scale_label(round(cell.value, 2), lang=lang))
            tip = f"{head}\n{_summary(cell.evidence, titles, lang)}"
            data = html.escape(json.dumps(cell.evidence, ensure_ascii=False), quote=True)
            lines = html.escape(json.dumps([describe(e, titles, lang) for e in cell.evidence], ensure_ascii=False), quote=True)
            out.append(f'<rect class="cell" x="{x}" y="{y}" width="{CELL - 1}" height="{CELL - 1}" fill="{_mix(cell.value / peak)}" '
                       f'data-row="{row.id}" data-col="{col.id}" data-value="{cell.value:.4f}" data-evidence="{data}" data-lines="{lines}" tabindex="0">'
                       f"<title>{html.escape(tip)}</title></rect>")  # fmt: skip
    out.append(f'<rect x="{grid_right - n * CELL}" y="{LABEL}" width="{n * CELL}" height="{n * CELL}" fill="none" stroke="#d9dee7"/>')
    y0 = LABEL + n * CELL + 20
    low, high = SCALE
    low_anchor, high_anchor = ("end", "start") if ltr else ("start", "end")
    out.append(f'<defs><linearGradient id="scale" x1="1" x2="0"><stop offset="0" stop-color="{low}"/>'
               f'<stop offset="1" stop-color="{high}"/></linearGradient></defs>')
    out.append(f'<rect x="{width - 210}" y="{y0}" width="200" height="12" fill="url(#scale)" stroke="#d9dee7"/>')
    out.append(f'<text x="{width - 10}" y="{y0 + 28}" text-anchor="{low_anchor}">{scale_label(0.0, lang=lang)}</text>')
    out.append(f'<text x="{width - 210}" y="{y0 + 28}" text-anchor="{high_anchor}">{scale_label(peak, lang=lang)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def page(matrix: AgencyMatrix, title: str, name: str, titles: dict[str, str] | None = None, lang: Lang = "fa",
         switch: str = "") -> str:  # fmt: skip
    """The heatmap with a side panel that shows a hovered (or focused) cell's evidence in the page's
    language, and download links; ``#row-<agency id>`` marks that agency's row and column (the
    explorer links here). ``switch``: this page in the other language."""
    from service.pictures import words

    count = words.say(lang, "agencies", n=words.num(len(involved(matrix)), lang=lang))
    return _page(title, name, count, svg(matrix, title, embed_font=False, titles=titles, lang=lang), lang, switch)


def _page(title: str, name: str, count: str, picture: str, lang: Lang = "fa", switch: str = "") -> str:
    """The page around a heatmap SVG: nav bar, title, downloads, the evidence panel and its script."""
    from service.pictures import words

    no_cell = json.dumps(words.say(lang, "no_cell"), ensure_ascii=False)
    suffix = "?lang=en" if lang == "en" else ""
    return f"""<!doctype html><html lang="{lang}" dir="{direction(lang)}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<link rel="icon" href="/favicon.ico"><link rel="stylesheet" href="/static/hamahang.css">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:Vazirmatn,Tahoma,sans-serif;margin:0;background:#f7f8fa;color:#1d2330}}
header.hm{{padding:.5rem 1rem;display:flex;gap:1rem;flex-wrap:wrap;align-items:baseline}} header.hm h1{{font-size:1.2rem;margin:0}}
main{{display:flex;flex-wrap:wrap;gap:1rem;padding:1rem}} .row-name.hl{{font-weight:700;fill:#8f2a17}} rect.cell.hl{{stroke:#8f2a17;stroke-width:2}}
#detail{{min-width:18rem;max-width:26rem;background:#fff;padding:.6rem;border:1px solid #d9dee7;white-space:pre-wrap;font-size:.85rem}}
.wrap{{overflow:auto;background:#fff;border:1px solid #d9dee7}}</style></head>
<body>{nav_bar("/matrix/" + name, lang=lang, switch=switch)}<header class="hm"><h1>{html.escape(title)}</h1>
<span id="count">{count}</span>
<a href="/matrix/{name}.svg{suffix}" download>SVG</a><a href="/matrix/{name}.png{suffix}" download>PNG</a>
<a href="/analyses/{name}.xlsx" download>{words.say(lang, "evidence_xlsx")}</a></header>
<main><div class="wrap">{picture}</div>
<div id="detail">{words.say(lang, "hover")}</div></main>
<script>
function show(r){{
  var lines=JSON.parse(r.dataset.lines);
  document.getElementById('detail').textContent=r.querySelector('title').textContent.split('\\n')[0]+'\\n\\n'+
    lines.map(function(x){{return '• '+x;}}).join('\\n');
}}
document.querySelectorAll('rect.cell').forEach(function(r){{
  r.addEventListener('mouseenter',function(){{show(r);}});
  r.addEventListener('focus',function(){{show(r);}});
}});
if(location.hash.indexOf('#row-')===0){{
  var id=decodeURIComponent(location.hash.slice(5));
  document.querySelectorAll('.row-name').forEach(function(t){{if(t.dataset.agency===id){{t.classList.add('hl');t.scrollIntoView({{block:'center'}});}}}});
  var first=null;
  document.querySelectorAll('rect.cell').forEach(function(r){{if(r.dataset.row===id||r.dataset.col===id){{r.classList.add('hl');first=first||r;}}}});
  if(first){{show(first);}}else{{document.getElementById('detail').textContent={no_cell};}}
}}
</script></body></html>"""


@cache
def _font() -> str:
    """Register the shipped TTF with matplotlib once; returns its family name."""
    from matplotlib import font_manager

    path = resources.files("service.static").joinpath("fonts/Vazirmatn-Regular.ttf")
    with resources.as_file(path) as real:
        font_manager.fontManager.addfont(str(real))
        return str(font_manager.FontProperties(fname=str(real)).get_name())


# Labels are plain text: matplotlib >= 3.10 shapes and orders Arabic script itself (reshaping and
# reordering on top printed names reversed and unjoined), and a name holding "$...$" must not be
# parsed as mathtext (an agency called "$\\frac{1}{$" made the PNG fail with a 500): parse_math off.


def scale_label(value: float, _pos: object = None, lang: Lang = "fa") -> str:
    """A colour-scale tick in Persian digits (whole numbers without decimals; Latin in English)."""
    text = f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}".rstrip("0")
    return text if lang == "en" else to_persian_digits(text).replace(".", "٫")


def png(matrix: AgencyMatrix, title: str, lang: Lang = "fa") -> bytes:
    """The heatmap as a PNG, laid out right to left like the page: the first column on the right,
    row names right of the grid, the colour scale on the left with Persian digits."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    order = involved(matrix)
    values = matrix.dense(order) or [[0.0]]
    whole = all(float(v).is_integer() for row in values for v in row)
    family = _font()
    size = max(4.0, 0.32 * len(order) + 2.5)
    with matplotlib.rc_context({"text.parse_math": False, "text.usetex": False, "font.family": family}):
        fig, ax = plt.subplots(figsize=(size + 1.5, size))
        image = ax.imshow(values, cmap="Greens", aspect="equal", vmin=0)
        labels = [label_of(a, lang) for a in order]
        ax.set_xticks(range(len(order)), labels, rotation=60, ha="left", va="center", rotation_mode="anchor", fontsize=8,
                      parse_math=False)  # fmt: skip
        ax.set_yticks(range(len(order)), labels, fontsize=8, parse_math=False)
        ax.invert_xaxis()  # the first column on the right, beside the row names
        ax.xaxis.tick_top()
        ax.yaxis.tick_right()
        ax.set_title(title, fontsize=11, pad=12, parse_math=False)
        bar = fig.colorbar(image, ax=ax, fraction=0.04, pad=0.04, location="left")
        if whole:
            bar.locator = MaxNLocator(integer=True)
        bar.formatter = FuncFormatter(lambda v, _p: scale_label(v, lang=lang))
        bar.update_ticks()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=150, bbox_inches="tight", pad_inches=0.2)
        plt.close(fig)
    return buffer.getvalue()


# --- duplicated spend: COFOG group × Jalali year (issue 14 item 3), the same look as the matrices ---

SPEND_TITLE = "هزینهٔ موازی‌کاری به تفکیک حوزهٔ کارکردی و سال"
YEAR_CELL = 70


@dataclass
class SpendGrid:
    """Rows are COFOG groups (most money first), columns Jalali years; a cell is the rials duplication
    and overlap findings put at stake there, with the findings as its evidence."""

    groups: list[tuple[str, str]]  # (code, Persian name)
    years: list[int]
    cells: dict[tuple[str, int], float]
    evidence: dict[tuple[str, int], list[dict[str, Any]]]


def spend_grid(result: DuplicationResult) -> SpendGrid:
    from service.analysis.money import shares
    from service.data.taxonomy import function_name

    cells: dict[tuple[str, int], float] = defaultdict(float)
    evidence: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for f, g, year, rials in shares(result, result.groups):
        cells[(g, year)] += rials
        evidence[(g, year)].append({"findingId": f.id, "class": f.classification, "dutyA": f.duty_a, "dutyB": f.duty_b,
                                    "score": f.score, "rials": round(rials)})  # fmt: skip
    totals: dict[str, float] = defaultdict(float)
    for (g, _), v in cells.items():
        totals[g] += v
    groups = [(g, function_name(g, "fa") or g or "بی‌کارکرد") for g in sorted(totals, key=lambda g: (-totals[g], g))]
    return SpendGrid(groups, sorted({y for _, y in cells}), dict(cells), dict(evidence))


def _spend_lines(evidence: list[dict[str, Any]], titles: dict[str, str], lang: Lang = "fa") -> list[str]:
    from service.pictures import words

    sep = ", " if lang == "en" else "، "
    return [f"{describe(e, titles, lang)}{sep}{words.rials(float(e['rials']), lang)}" for e in sorted(evidence, key=lambda e: -e["rials"])]


def spend_svg(grid: SpendGrid, title: str = SPEND_TITLE, embed_font: bool = True, titles: dict[str, str] | None = None,
              lang: Lang = "fa") -> str:  # fmt: skip
    """Groups as rows (names on the right), years as columns (the earliest on the right, as Persian
    reads), rials on hover; a standalone SVG like the matrices'."""
    from service.pictures import words

    titles = titles or {}
    en = lang == "en"
    from service.data.taxonomy import function_name

    groups = [(code, (function_name(code, "en") or code or "no function") if en else name) for code, name in grid.groups]
    rows, cols = len(groups), len(grid.years)
    peak = max(grid.cells.values(), default=1.0) or 1.0
    top = 60
    label = max(LABEL, 6 * max((len(name) for _, name in groups), default=0) + 24)  # COFOG names run long
    width, height = max(label + cols * YEAR_CELL + 20, 420), top + rows * CELL + 70
    grid_right = width - label
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           f'font-family="Vazirmatn, Tahoma, sans-serif" font-size="11" direction="{direction(lang)}">',
           f"<style>{font_face() if embed_font else ''} rect.cell:hover{{stroke:#c8341f;stroke-width:2}}</style>",
           f'<text x="{grid_right + 6 if en else width - 10}" y="18" font-size="14" text-anchor="start">{html.escape(title)}</text>']  # fmt: skip
    for j, year in enumerate(grid.years):
        x = grid_right - j * YEAR_CELL - YEAR_CELL / 2
        out.append(f'<text x="{x:.1f}" y="{top - 8}" text-anchor="middle" class="year">{year if en else to_persian_digits(str(year))}</text>')
    for i, (code, name) in enumerate(groups):
        y = top + i * CELL
        x_name = grid_right + 6 if en else width - 8
        out.append(f'<text x="{x_name}" y="{y + CELL * 0.7:.1f}" text-anchor="start" class="row-name" data-group="{html.escape(code)}">'
                   f"{html.escape(name)}</text>")  # fmt: skip
        for j, year in enumerate(grid.years):
            value = grid.cells.get((code, year))
            if value is None:
                continue
            lines = _spend_lines(grid.evidence[(code, year)], titles, lang)
            when = words.say(lang, "spend_cell", name=name, year=year if en else to_persian_digits(str(year)), value=words.rials(value, lang))
            tip = f"{when}\n" + "\n".join(lines[:4])
            data = html.escape(json.dumps(grid.evidence[(code, year)], ensure_ascii=False), quote=True)
            shown = html.escape(json.dumps(lines, ensure_ascii=False), quote=True)
            out.append(f'<rect class="cell" x="{grid_right - (j + 1) * YEAR_CELL}" y="{y}" width="{YEAR_CELL - 1}" height="{CELL - 1}" '
                       f'fill="{_mix(value / peak)}" data-row="{html.escape(code)}" data-col="{year}" data-value="{round(value)}" '
                       f'data-evidence="{data}" data-lines="{shown}" tabindex="0"><title>{html.escape(tip)}</title></rect>')  # fmt: skip
    out.append(f'<rect x="{grid_right - cols * YEAR_CELL}" y="{top}" width="{cols * YEAR_CELL}" height="{rows * CELL}" fill="none" stroke="#d9dee7"/>')
    y0 = top + rows * CELL + 20
    out.append(f'<defs><linearGradient id="scale" x1="1" x2="0"><stop offset="0" stop-color="{SCALE[0]}"/>'
               f'<stop offset="1" stop-color="{SCALE[1]}"/></linearGradient></defs>')  # fmt: skip
    out.append(f'<rect x="{width - 210}" y="{y0}" width="200" height="12" fill="url(#scale)" stroke="#d9dee7"/>')
    low_anchor, high_anchor = ("end", "start") if en else ("start", "end")
    out.append(f'<text x="{width - 10}" y="{y0 + 28}" text-anchor="{low_anchor}">{scale_label(0.0, lang=lang)}</text>')
    out.append(f'<text x="{width - 210}" y="{y0 + 28}" text-anchor="{high_anchor}">{words.rials(peak, lang)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def spend_page(grid: SpendGrid, titles: dict[str, str] | None = None, lang: Lang = "fa", switch: str = "") -> str:
    """The spend heatmap in the matrices' page (side panel with a hovered cell's findings, downloads)."""
    from service.pictures import words

    count = words.say(lang, "spend_count", groups=words.num(len(grid.groups), lang=lang), years=words.num(len(grid.years), lang=lang))
    title = words.say(lang, "spend")
    return _page(title, "spend", count, spend_svg(grid, title, embed_font=False, titles=titles, lang=lang), lang, switch)


def spend_png(grid: SpendGrid, title: str = SPEND_TITLE) -> bytes:
    """The spend heatmap as a PNG: Persian group names right of the grid, Jalali years on top (the
    earliest on the right), the rials scale on the left in Persian digits."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    from service.pictures import words

    values = [[grid.cells.get((g, y), 0.0) for y in grid.years] for g, _ in grid.groups] or [[0.0]]
    family = _font()
    with matplotlib.rc_context({"text.parse_math": False, "text.usetex": False, "font.family": family}):
        fig, ax = plt.subplots(figsize=(max(5.0, 1.1 * len(grid.years) + 5), max(3.0, 0.35 * len(grid.groups) + 2)))
        image = ax.imshow(values, cmap="Greens", aspect="auto", vmin=0)
        ax.set_xticks(range(len(grid.years)), [to_persian_digits(str(y)) for y in grid.years], fontsize=9, parse_math=False)
        ax.set_yticks(range(len(grid.groups)), [name for _, name in grid.groups], fontsize=8, parse_math=False)
        ax.invert_xaxis()
        ax.xaxis.tick_top()
        ax.yaxis.tick_right()
        ax.set_title(title, fontsize=11, pad=12, parse_math=False)
        bar = fig.colorbar(image, ax=ax, fraction=0.04, pad=0.04, location="left")
        bar.formatter = FuncFormatter(lambda v, _pos: words.num(v))
        bar.set_label("ریال", parse_math=False)
        bar.update_ticks()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=150, bbox_inches="tight", pad_inches=0.2)
        plt.close(fig)
    return buffer.getvalue()
