"""The coordination plan pages' HTML: the list of plans, and one plan with its approval chain, its
progress (actions late and done, rials realised against rials expected), the plan matrix as a
heatmap (``service/pictures/heatmap.py``) and its actions. Persian by default (Persian digits,
Jalali dates, rials), English with ``?lang=en``; record names keep their Persian (marked lang="fa")."""

from __future__ import annotations

import html
from typing import Any

from service.analysis.matrix import AgencyMatrix, AgencyRef
from service.pictures import heatmap
from service.pictures.words import jdate, num, rials
from service.registry.plan_actions import is_late
from service.registry.plan_views import Progress, expected_of, plan_matrix
from service.registry.plans import chain_of
from service.site.lang import Lang, phrase

Row = dict[str, Any]
WORDS: dict[str, tuple[str, str]] = {
    "plans": ("برنامه‌های هماهنگی", "Coordination plans"),
    "no_plans": ("هنوز برنامه‌ای ثبت نشده است.", "No plan has been recorded yet."),
    "period": ("دورهٔ {a} تا {b}", "Period {a} to {b}"),
    "status": ("وضعیت", "Status"),
    "chain": ("زنجیرهٔ تصویب", "Approval chain"),
    "waiting": ("در انتظار", "waiting"),
    "next": ("گام بعدی", "next step"),
    "approved_by": ("تصویب: {by}، {at}", "approved by {by}, {at}"),
    "progress": ("پیشرفت", "Progress"),
    "actions": ("اقدام‌ها", "Actions"),
    "n_actions": ("{n} اقدام", "{n} actions"),
    "done": ("انجام‌شده", "done"),
    "late": ("دیرکرد", "late"),
    "expected": ("صرفه‌جویی و منفعت پیش‌بینی‌شده", "Expected saving and benefit"),
    "realised": ("تحقق‌یافته", "Realised"),
    "budget": ("بودجه", "Budget"),
    "share": ("{p} درصد تحقق", "{p}% realised"),
    "matrix": ("ماتریس برنامه: آنچه دستگاه‌ها توافق کرده‌اند و ارزش آن (میلیارد ریال)",
               "Plan matrix: what agencies agreed and what it is worth (billion rials)"),
    "no_matrix": ("هنوز اقدامی توافق نشده است.", "No action has been agreed yet."),
    "late_list": ("اقدام‌های دارای دیرکرد", "Late actions"),
    "overlay": ("روی شبکهٔ دستگاه‌ها", "On the agency network"),
    "title": ("عنوان", "Title"),
    "owners": ("دستگاه‌های مسئول", "Owner agencies"),
    "due": ("سررسید", "Due"),
    "source": ("منشأ", "Source"),
    "money": ("پیش‌بینی / تحقق", "Expected / realised"),
    "duplication_finding": ("یافتهٔ موازی‌کاری", "duplication finding"),
    "winwin_opportunity": ("فرصت برد-برد", "win-win opportunity"),
    "issue_cluster": ("مشکل ادغام‌شده", "merged issue"),
    "request": ("درخواست", "request"),
    "draft": ("پیش‌نویس", "draft"), "proposed": ("پیشنهادی", "proposed"), "approved": ("تصویب‌شده", "approved"),
    "active": ("در حال اجرا", "active"), "closed": ("بسته‌شده", "closed"), "agreed": ("توافق‌شده", "agreed"),
    "in_progress": ("در حال انجام", "in progress"), "cancelled": ("لغوشده", "cancelled"),
}  # fmt: skip
STATUS_WORDS = {"plan_proposed": ("پیشنهادشده", "proposed")}


def w(lang: Lang, key: str, **fmt: object) -> str:
    return phrase(WORDS, lang, key, **fmt)


def esc(text: object) -> str:
    return html.escape(str(text or ""))


def _fa(text: object, lang: Lang) -> str:
    """A record's own (Persian) text, marked so an English page says what language it is in."""
    return f'<bdi lang="fa">{esc(text)}</bdi>' if lang == "en" else f"<bdi>{esc(text)}</bdi>"


def plans_list(rows: list[Row], lang: Lang) -> str:
    if not rows:
        return f'<h1>{w(lang, "plans")}</h1><p class="muted" id="no-plans">{w(lang, "no_plans")}</p>'
    items = "".join(
        f'<li><a href="/plans/{esc(r["id"])}" class="plan-link">{_fa(r["titleFa"], lang)}</a> — '
        f'{w(lang, "period", a=_year(r["fromYear"], lang), b=_year(r["toYear"], lang))} — '
        f'<span class="badge">{_status(r["status"], lang, plan=True)}</span></li>'
        for r in rows
    )  # fmt: skip
    return f'<h1>{w(lang, "plans")}</h1><ul id="plans">{items}</ul>'


def _status(status: str, lang: Lang, plan: bool = False) -> str:
    if plan and status == "proposed":
        return phrase(STATUS_WORDS, lang, "plan_proposed")
    return w(lang, status)


def _year(value: int, lang: Lang) -> str:
    return num(value, lang=lang).replace("٬", "").replace(",", "")


def _chain(plan: Row, approvals: list[Row], lang: Lang) -> str:
    recorded = {a["position"]: a for a in approvals}
    done = int(plan.get("approvalsDone") or 0)
    items = []
    for i, step in enumerate(chain_of(plan)):
        label = step.label_en if lang == "en" else step.label_fa
        if i in recorded:
            a = recorded[i]
            note = w(lang, "approved_by", by=esc(a.get("by")), at=jdate(a.get("at"), lang))
            comment = f" — «{_fa(a['comment'], lang)}»" if a.get("comment") else ""
            items.append(f'<li class="done" data-step="{esc(step.key)}">✓ {esc(label)}: {note}{comment}</li>')
        else:
            state = w(lang, "next") if plan["status"] == "proposed" and i == done else w(lang, "waiting")
            items.append(f'<li class="waiting" data-step="{esc(step.key)}">{esc(label)}: {state}</li>')
    return f'<h2>{w(lang, "chain")}</h2><ol id="chain">{"".join(items)}</ol>'


def _money(amount: int, lang: Lang) -> str:
    return rials(amount, lang) or ("0 rials" if lang == "en" else "۰ ریال")


def _progress(p: Progress, lang: Lang) -> str:
    share = round(100 * (p.realised_share or 0))
    bar = f'<div class="bar" role="img" aria-label="{w(lang, "share", p=num(share, lang=lang))}"><span style="width:{min(share, 100)}%"></span></div>'
    return (f'<h2>{w(lang, "progress")}</h2><div class="cards" id="progress">'
            f'<div class="card"><strong id="n-actions">{w(lang, "n_actions", n=num(p.total, lang=lang))}</strong>'
            f'<span><span id="n-done">{num(p.done, lang=lang)} {w(lang, "done")}</span> · '
            f'<span id="n-late" class="late">{num(len(p.late_ids), lang=lang)} {w(lang, "late")}</span></span></div>'
            f'<div class="card"><strong>{w(lang, "expected")}</strong><span id="expected">{_money(p.expected_rials, lang)}</span></div>'
            f'<div class="card"><strong>{w(lang, "realised")}</strong><span id="realised">{_money(p.realised_rials, lang)}</span>'
            f'{bar}<span id="share">{w(lang, "share", p=num(share, lang=lang))}</span></div>'
            f'<div class="card"><strong>{w(lang, "budget")}</strong><span id="budget">{_money(p.budget_rials, lang)}</span></div></div>')  # fmt: skip


def _matrix_svg(actions: list[Row], names: dict[str, Row], lang: Lang) -> str:
    matrix = agency_matrix(actions, names)
    if matrix is None:
        return f'<p class="muted" id="no-matrix">{w(lang, "no_matrix")}</p>'
    return heatmap.svg(matrix, w(lang, "matrix"), embed_font=False, lang=lang)


def agency_matrix(actions: list[Row], names: dict[str, Row]) -> AgencyMatrix | None:
    """The plan matrix as the heatmap draws it (billions of rials; each cell's actions as evidence), or None when empty."""
    cells = plan_matrix(actions)
    if not cells:
        return None
    used = sorted({c.row for c in cells} | {c.col for c in cells})
    refs = [AgencyRef(i, str(names.get(i, {}).get("nameFa") or i), names.get(i, {}).get("nameEn")) for i in used]
    matrix = AgencyMatrix("plan", refs, directed=True)
    by_id = {a["id"]: a for a in actions}
    for c in cells:
        for aid in c.action_ids:
            a = by_id[aid]
            value = expected_of(a)
            line_fa = f"«{a['titleFa']}» — {rials(value, 'fa') or '۰ ریال'} — {w('fa', a['status'])}"
            line_en = f"{aid}: {rials(value, 'en') or '0 rials'} — {w('en', a['status'])}"
            matrix.add(c.row, c.col, value / 1e9, {"actionId": aid, "line_fa": line_fa, "line_en": line_en})
    return matrix


def _actions_table(actions: list[Row], names: dict[str, Row], lang: Lang, today: str, table_id: str) -> str:
    def owner(i: str) -> str:
        row = names.get(i, {})
        return esc(row.get("nameEn")) if lang == "en" and row.get("nameEn") else _fa(row.get("nameFa") or i, lang)

    rows = []
    flag = f' <span class="late">⚠ {w(lang, "late")}</span>'
    for a in actions:
        late = is_late(a, today)
        money = f"{_money(expected_of(a), lang)} / {_money(int(a.get('realisedRials') or 0), lang)}"
        rows.append(f'<tr data-action="{esc(a["id"])}" class="{"late" if late else ""}"><td>{_fa(a["titleFa"], lang)}</td>'
                    f'<td>{"، ".join(owner(o) for o in a.get("ownerIds") or []) if lang == "fa" else ", ".join(owner(o) for o in a.get("ownerIds") or [])}</td>'
                    f'<td class="due">{jdate(a.get("dueDate"), lang)}{flag if late else ""}</td>'
                    f'<td><span class="badge {esc(a["status"])}">{w(lang, a["status"])}</span></td>'
                    f'<td>{w(lang, a["sourceKind"])}</td><td class="money">{money}</td></tr>')  # fmt: skip
    head = "".join(f"<th>{w(lang, k)}</th>" for k in ("title", "owners", "due", "status", "source", "money"))
    return f'<div class="table-wrap"><table id="{table_id}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'


STYLE = """<style>#chain li.done{color:#0f6e5a} #chain li.waiting{color:#6b7280} tr.late td{background:#fff4f1}
.bar{height:.6rem;background:#e6e9ef;border-radius:3px;margin:.3rem 0;min-width:10rem} .bar span{display:block;height:100%;background:#0f6e5a;border-radius:3px}
.cards .card{display:flex;flex-direction:column;gap:.2rem} span.late,td.due .late{color:#a5321c} .wrap{overflow:auto;background:#fff;border:1px solid #d9dee7}
td.money,td.due{white-space:nowrap}</style>"""


def plan_body(plan: Row, approvals: list[Row], actions: list[Row], progress: Progress, names: dict[str, Row], lang: Lang,
              today: str) -> str:  # fmt: skip
    late = [a for a in actions if a["id"] in set(progress.late_ids)]
    period = w(lang, "period", a=_year(plan["fromYear"], lang), b=_year(plan["toYear"], lang))
    scope = f'<p dir="auto" id="scope">{_fa(plan["scopeFa"], lang)}</p>' if plan.get("scopeFa") else ""
    late_part = (f'<h2>{w(lang, "late_list")}</h2>' + _actions_table(late, names, lang, today, "late-actions")) if late else ""
    return (f'<h1 id="plan-title" data-plan="{esc(plan["id"])}">{_fa(plan["titleFa"], lang)}</h1>'
            f'<p><span id="period">{period}</span> — {w(lang, "status")}: <span class="badge" id="plan-status" data-status="{esc(plan["status"])}">'
            f'{_status(plan["status"], lang, plan=True)}</span></p>{scope}'
            + _chain(plan, approvals, lang) + _progress(progress, lang) + late_part
            + f'<h2>{w(lang, "matrix")} <a href="/plans/{esc(plan["id"])}/matrix.svg" download>SVG</a> '
            f'<a href="/plans/{esc(plan["id"])}/overlay" id="overlay">{w(lang, "overlay")}</a> '
            f'<a href="/plans/{esc(plan["id"])}/matrix.png" download>PNG</a></h2>'
            f'<div class="wrap" id="plan-matrix">{_matrix_svg(actions, names, lang)}</div>'
            + f'<h2>{w(lang, "actions")} <a href="/plans/{esc(plan["id"])}/actions.csv" download id="csv">CSV</a></h2>'
            + _actions_table(actions, names, lang, today, "actions"))  # fmt: skip
