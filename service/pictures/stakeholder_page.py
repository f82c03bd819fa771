"""One stakeholder's page (/stakeholders/{id}): its scores and place on the grid, what it is linked
to, its engagement log and the commitments made to it with their history; Persian (Jalali dates,
Persian digits) by default, English with ``?lang=en``."""

from __future__ import annotations

import html
from typing import Any

from service.domain.stakeholder import COMMITMENT_FA, ENGAGEMENT_FA, QUADRANT_EN, QUADRANT_FA, TYPE_FA, quadrant
from service.pictures.words import jdate, num
from service.site.lang import Lang
from service.storage.port import Row

WORDS: dict[str, tuple[str, str]] = {
    "scores": ("قدرت {p}، علاقه {i}، نفوذ {f} — خانهٔ «{q}»", "Power {p}, interest {i}, influence {f} — “{q}”"),
    "issues": ("مسائلی که طرح کرده", "Issues it raised"), "duties": ("وظایفی که در خدمت اوست", "Duties that serve it"),
    "plans": ("برنامه‌هایی که بر او اثر دارد", "Plans that affect it"), "groups": ("کارگروه‌ها", "Working groups"),
    "log": ("گزارش تعامل", "Engagement log"), "commitments": ("تعهدها", "Commitments"),
    "due": ("مهلت", "due"), "owner": ("متعهد", "owed by"), "none": ("—", "—"), "back": ("جدول قدرت/علاقه", "Power/interest grid"),
    "overdue": ("دیرکرد", "overdue"),
}  # fmt: skip


def say(lang: Lang, key: str, **fmt: object) -> str:
    fa, en = WORDS[key]
    return (en if lang == "en" else fa).format(**fmt)


def _list(items: list[str], lang: Lang, ident: str) -> str:
    if not items:
        return f'<p class="muted" id="{ident}">{say(lang, "none")}</p>'
    return f'<ul id="{ident}">' + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>"


def body(row: Row, names: dict[str, dict[str, str]], log: list[Row], owed: list[Row], steps: dict[str, list[Row]],
         overdue: set[str], lang: Lang = "fa") -> str:  # fmt: skip
    """``names``: per kind (issue, duty, plan, group, agency) the titles of the ids linked."""
    en = lang == "en"
    q = quadrant(int(row["power"]), int(row["interest"]))
    name = str((row.get("nameEn") if en else None) or row["nameFa"])
    kind = str(row["type"]).replace("_", " ") if en else TYPE_FA.get(row["type"], str(row["type"]))
    scores = say(lang, "scores", p=num(row["power"], lang=lang), i=num(row["interest"], lang=lang), f=num(row["influence"], lang=lang),
                 q=QUADRANT_EN[q] if en else QUADRANT_FA[q])  # fmt: skip

    def titles(kind_: str, ids: list[str]) -> list[str]:
        return [names.get(kind_, {}).get(i, i) for i in ids]

    entries = []
    for e in log:
        label = e["kind"] if en else ENGAGEMENT_FA.get(e["kind"], e["kind"])
        who = names.get("agency", {}).get(e.get("agencyId") or "", "")
        entries.append(f"{jdate(e.get('date'), lang)} — {label}{' — ' + who if who else ''}: {e['noteFa']}")
    promised = []
    for c in owed:
        status = str(c["status"] if en else COMMITMENT_FA.get(c["status"], c["status"]))
        history = (" → " if en else " ← ").join(str(s["status"] if en else COMMITMENT_FA.get(s["status"], s["status"])) for s in steps.get(c["id"], []))
        late = f' <span class="badge overdue">{say(lang, "overdue")}</span>' if c["id"] in overdue else ""
        owner = html.escape(str(names.get("agency", {}).get(c["ownerId"], c["ownerId"])))
        promised.append(f'<li data-id="{html.escape(c["id"])}" data-status="{c["status"]}"><strong>{html.escape(c["textFa"])}</strong> — '
                        f'{say(lang, "owner")} {owner}، {say(lang, "due")} {jdate(c.get("dueDate"), lang)} — {html.escape(status)}{late}'
                        f'<br><span class="muted">{html.escape(history)}</span></li>')  # fmt: skip
    parts = [f'<p><a href="/stakeholders/grid">{say(lang, "back")}</a></p>', f'<h1 id="stakeholder-name">{html.escape(name)}</h1>',
             f'<p class="muted">{html.escape(kind)}</p><p id="scores">{html.escape(scores)}</p>']  # fmt: skip
    if row.get("descriptionFa"):
        parts.append(f'<p dir="auto">{html.escape(row["descriptionFa"])}</p>')
    for key, kind_, field in (("issues", "issue", "issueIds"), ("duties", "duty", "dutyIds"), ("plans", "plan", "planIds"),
                              ("groups", "group", "workingGroupIds")):  # fmt: skip
        parts.append(f"<h2>{say(lang, key)}</h2>" + _list(titles(kind_, list(row.get(field) or [])), lang, f"links-{key}"))
    parts.append(f"<h2>{say(lang, 'log')}</h2>" + _list(entries, lang, "engagements"))
    parts.append(f"<h2>{say(lang, 'commitments')}</h2>"
                 + (f'<ul id="commitments">{"".join(promised)}</ul>' if promised else f'<p class="muted" id="commitments">{say(lang, "none")}</p>'))
    return "".join(parts)


def title_of(row: dict[str, Any], field: str = "titleFa") -> str:
    return str(row.get(field) or row.get("nameFa") or row.get("id"))
