"""The power/interest grid (Mendelow) as an SVG picture and a page: interest across, power up, the four
quadrants named as stakeholder practice names them, each stakeholder a circle sized by its influence.
Persian by default (labels, digits), English with ``lang="en"``; the SVG text uses the page's
Vazirmatn, so nothing loads from outside."""

from __future__ import annotations

import html
from typing import Any

from service.domain.stakeholder import HIGH, QUADRANT_EN, QUADRANT_FA, SENTIMENT_FA, TYPE_FA
from service.pictures.words import num
from service.registry.stakeholder_grid import cells
from service.site.lang import Lang
from service.storage.port import Row

SIZE, PAD = 560, 70  # the plot's side and the margin for the axes' words (px)
COLORS = {"manage_closely": "#fbe3dc", "keep_satisfied": "#fdf1d6", "keep_informed": "#e0f0ea", "monitor": "#eef0f4"}
DOT = {"manage_closely": "#b4361f", "keep_satisfied": "#a86b00", "keep_informed": "#0f6e5a", "monitor": "#5b6475"}
WORDS: dict[str, tuple[str, str]] = {
    "title": ("جدول قدرت/علاقه ذی‌نفعان", "Stakeholder power/interest grid"),
    "power": ("قدرت", "Power"),
    "interest": ("علاقه", "Interest"),
    "influence": ("نفوذ", "Influence"),
    "count": ("{n} ذی‌نفع؛ امتیاز ۱ تا ۵، از {high} به بالا «زیاد»", "{n} stakeholders; scores 1-5, {high} and above is high"),
    "name": ("ذی‌نفع", "Stakeholder"), "type": ("گروه", "Group"), "quadrant": ("خانه", "Quadrant"),
    "open": ("تعهد باز", "Open commitments"), "stance": ("آخرین موضع", "Latest stance"), "downloads": ("دریافت", "Downloads"),
    "none": ("هیچ ذی‌نفعی ثبت نشده است.", "No stakeholders yet."),
    "size": ("اندازهٔ دایره: نفوذ", "Circle size: influence"),
}  # fmt: skip


def say(lang: Lang, key: str, **fmt: object) -> str:
    fa, en = WORDS[key]
    return (en if lang == "en" else fa).format(**fmt)


def _digits(value: int, lang: Lang) -> str:
    return num(value, lang=lang)


def _pos(score: float) -> float:
    """A score 1..5 as a distance along an axis (0.5 and 5.5 at the edges)."""
    return (score - 0.5) / 5 * SIZE


def _points(rows: list[Row]) -> list[tuple[Row, float, float, bool]]:
    """Each stakeholder's centre, and whether its label goes above it: those on the same scores are
    spread around it, and on one power row the labels alternate below and above, so two neighbours'
    names never run into each other."""
    seen: dict[tuple[int, int], int] = {}
    out = []
    for row in rows:
        key = (int(row["interest"]), int(row["power"]))
        n = seen.get(key, 0)
        seen[key] = n + 1
        dx, dy = ((0, 0), (26, -22), (-26, 22), (26, 22), (-26, -22))[n % 5]
        out.append((row, PAD + _pos(key[0]) + dx, PAD + SIZE - _pos(key[1]) + dy, False))
    rows_by_power: dict[float, list[int]] = {}
    for i, (_, _x, y, _) in enumerate(out):
        rows_by_power.setdefault(round(y), []).append(i)
    for indices in rows_by_power.values():
        for rank, i in enumerate(sorted(indices, key=lambda j: out[j][1])):
            row, x, y, _ = out[i]
            out[i] = (row, x, y, rank % 2 == 1)
    return out


def short(name: str, limit: int = 24) -> str:
    """A name short enough to sit under its circle (the whole name is in the circle's tooltip)."""
    if len(name) <= limit:
        return name
    cut = name[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def grid_svg(rows: list[Row], lang: Lang = "fa") -> str:
    """The grid as SVG (``id="stakeholder-grid"``): quadrants, their names, the axes, one circle per stakeholder."""
    name_key = "nameEn" if lang == "en" else "nameFa"
    labels = QUADRANT_EN if lang == "en" else QUADRANT_FA
    mid = PAD + _pos(HIGH - 0.5)  # the line between 2 and 3
    top, right, bottom = PAD, PAD + SIZE, PAD + SIZE
    w, h = SIZE + 2 * PAD, SIZE + 2 * PAD
    ymid = PAD + SIZE - _pos(HIGH - 0.5)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" id="stakeholder-grid" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
             f'role="img" aria-label="{html.escape(say(lang, "title"))}" font-family="Vazirmatn, Tahoma, sans-serif" '
             f'direction="{"ltr" if lang == "en" else "rtl"}">']  # fmt: skip
    boxes = {"keep_satisfied": (PAD, top, mid - PAD, ymid - top), "manage_closely": (mid, top, right - mid, ymid - top),
             "monitor": (PAD, ymid, mid - PAD, bottom - ymid), "keep_informed": (mid, ymid, right - mid, bottom - ymid)}  # fmt: skip
    for q, (x, y, bw, bh) in boxes.items():
        parts.append(f'<rect class="quadrant" data-quadrant="{q}" x="{x:.1f}" y="{y:.1f}" width="{bw:.1f}" height="{bh:.1f}" '
                     f'fill="{COLORS[q]}" stroke="#c9ced8"/>')
        parts.append(f'<text class="quadrant-label" data-quadrant="{q}" x="{x + bw / 2:.1f}" y="{y + 22:.1f}" text-anchor="middle" '
                     f'font-size="16" font-weight="700" fill="{DOT[q]}">{html.escape(labels[q])}</text>')  # fmt: skip
    for score in range(1, 6):  # ticks in the page's digits
        x, y = PAD + _pos(score), PAD + SIZE - _pos(score)
        parts.append(f'<text class="tick" x="{x:.1f}" y="{bottom + 18:.1f}" text-anchor="middle" font-size="12" fill="#5b6475">{_digits(score, lang)}</text>')
        parts.append(f'<text class="tick" x="{PAD - 12:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="12" fill="#5b6475">{_digits(score, lang)}</text>')
    parts.append(f'<text id="axis-interest" x="{PAD + SIZE / 2:.1f}" y="{bottom + 44:.1f}" text-anchor="middle" font-size="15">'
                 f'{say(lang, "interest")} (→)</text>')  # interest grows to the right in both languages
    parts.append(f'<text id="axis-power" x="{PAD - 40:.1f}" y="{PAD + SIZE / 2:.1f}" text-anchor="middle" font-size="15" '
                 f'transform="rotate(-90 {PAD - 40:.1f} {PAD + SIZE / 2:.1f})">{say(lang, "power")}</text>')  # fmt: skip
    for row, x, y, above in _points(rows):
        q = _quadrant_of(row)
        r = 7 + 3 * int(row.get("influence") or 1)
        name = str(row.get(name_key) or row["nameFa"])
        tip = (f"{name} — {say(lang, 'power')} {_digits(int(row['power']), lang)}، {say(lang, 'interest')} "
               f"{_digits(int(row['interest']), lang)}، {say(lang, 'influence')} {_digits(int(row['influence']), lang)}")  # fmt: skip
        if lang == "en":
            tip = tip.replace("،", ",")
        parts.append(f'<g class="stakeholder" data-id="{html.escape(row["id"])}" data-quadrant="{q}"><title>{html.escape(tip)}</title>'
                     f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{DOT[q]}" fill-opacity=".8" stroke="#fff"/>'
                     f'<text x="{x:.1f}" y="{y - r - 6 if above else y + r + 14:.1f}" text-anchor="middle" font-size="12">'
                     f"{html.escape(short(name))}</text></g>")  # fmt: skip
    parts.append("</svg>")
    return "".join(parts)


def _quadrant_of(row: Row) -> str:
    from service.domain.stakeholder import quadrant

    return quadrant(int(row["power"]), int(row["interest"]))


def grid_body(rows: list[Row], open_commitments: dict[str, int], lang: Lang = "fa", sentiments: dict[str, str] | None = None) -> str:
    """The page's body: title, the picture, the downloads, and the stakeholders as a table in grid order."""
    labels = QUADRANT_EN if lang == "en" else QUADRANT_FA
    count = say(lang, "count", n=_digits(len(rows), lang), high=_digits(HIGH, lang))
    links = " · ".join(f'<a href="/stakeholders/grid.{ext}" id="download-{ext}">{ext.upper()}</a>' for ext in ("csv", "xlsx", "svg"))
    lines = []
    for q, found in cells(rows).items():
        for r in found:
            name = r.get("nameEn") if lang == "en" and r.get("nameEn") else r["nameFa"]
            kind = str(r["type"]).replace("_", " ") if lang == "en" else TYPE_FA.get(r["type"], str(r["type"]))
            scores = "".join(f"<td>{_digits(int(r[k]), lang)}</td>" for k in ("power", "interest", "influence"))
            link = f'<a href="/stakeholders/{html.escape(r["id"])}">{html.escape(str(name))}</a>'
            lines.append(f'<tr data-id="{html.escape(r["id"])}" data-quadrant="{q}"><td>{link}</td><td>{html.escape(kind)}</td>'
                         f"{scores}<td>{html.escape(labels[q])}</td><td>{_digits(open_commitments.get(r['id'], 0), lang)}</td>"
                         f'<td class="stance">{html.escape(_stance((sentiments or {}).get(r["id"]), lang))}</td></tr>')  # fmt: skip
    head = "".join(f"<th>{say(lang, k)}</th>" for k in ("name", "type", "power", "interest", "influence", "quadrant", "open", "stance"))
    table = (f'<div class="table-wrap"><table id="stakeholders"><thead><tr>{head}</tr></thead><tbody>{"".join(lines)}</tbody></table></div>'
             if rows else f'<p class="muted" id="no-stakeholders">{say(lang, "none")}</p>')  # fmt: skip
    return (f'<h1>{say(lang, "title")}</h1><p class="muted" id="grid-count">{count} — {say(lang, "size")}</p>'
            f'<div class="table-wrap">{grid_svg(rows, lang)}</div><p id="downloads">{say(lang, "downloads")}: {links}</p>{table}')


def _stance(value: str | None, lang: Lang) -> str:
    if not value:
        return "—"
    return value if lang == "en" else SENTIMENT_FA.get(value, value)


def open_counts(commitments: list[dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for c in commitments:
        if c.get("status") == "open":
            out[c["stakeholderId"]] = out.get(c["stakeholderId"], 0) + 1
    return out
