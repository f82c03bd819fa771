"""The public transparency page: every published report, in Persian, printable (the site's bar and
the links drop out on paper), each with its PDF. Nobody signs in to read it."""

from __future__ import annotations

import html

from fastapi.responses import HTMLResponse

from service.site.errors import page
from service.transparency.content import Published, fa_digits

PRINT_CSS = """<style>
.report { border: 1px solid #d6dbe3; border-radius: 6px; padding: .7rem 1rem; margin: 0 0 1rem; background: #fff; break-inside: avoid; }
.report h2 { margin: .2rem 0; font-size: 1.15rem; } .report .who { color: #555; font-size: .92em; margin: .2rem 0; }
.report table { border-collapse: collapse; margin-top: .4rem; width: auto; min-width: 22rem; }
.report td, .report th { padding: .2rem .6rem; border-bottom: 1px solid #e3e6ea; text-align: right; }
.report .summary { white-space: pre-wrap; }
@media print { nav.site, .noprint { display: none !important; } body { background: #fff; } main { max-width: none; padding: 0; }
  .report { border: 0; border-bottom: 1px solid #999; border-radius: 0; } }
</style>"""


def _card(r: Published) -> str:
    e = html.escape
    rows = "".join(f'<tr><th scope="row">{e(label)}</th><td>{e(value)}</td></tr>' for label, value in r.figures)
    return f"""<article class="report" id="report-{e(r.id)}">
<p class="muted">{e(r.group_fa)} · {e(r.period_fa)}</p>
<h2>{e(r.title_fa)}</h2>
<p class="who">دبیرخانه: {e(r.secretariat_fa)} · ناظر: {e(r.supervisors_fa)} · تأیید: {e(r.approved_by_fa)} · انتشار: {e(r.published_fa)}</p>
<p class="summary">{e(r.summary_fa)}</p>
<table class="figures"><tbody>{rows}</tbody></table>
<p class="noprint"><a href="/transparency/{e(r.id)}.pdf" download>نسخهٔ PDF</a></p>
</article>"""


def transparency_page(reports: list[Published]) -> HTMLResponse:
    """The page itself; Persian whatever the visitor's language (the reports are Persian documents)."""
    cards = "".join(_card(r) for r in reports) or '<p id="no-reports">هنوز گزارشی منتشر نشده است.</p>'
    body = f"""<h1>گزارش‌های شفافیت کارگروه‌ها</h1>
<p class="muted">گزارش‌هایی که دبیرخانهٔ هر کارگروه تهیه کرده، ناظر آن تأیید کرده و منتشر شده‌اند ({fa_digits(len(reports))} گزارش).
<span class="noprint">برای نسخهٔ کاغذی این صفحه را چاپ کنید.</span></p>
{cards}"""
    return page("گزارش‌های شفافیت", body, current="/transparency", signed_in=False, head=PRINT_CSS)
