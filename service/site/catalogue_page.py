"""/catalogue: the innovation office's knowledge-based products, searchable by text and innovation centre,
with the planners' club and its desks; /catalogue.csv and /catalogue.xlsx the same rows (cells through
``service/io/cells.py``). Directorate and analysts, signed in at /signin."""

from __future__ import annotations

import csv
import html
import io
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from service.analysis.vocab.lists import INNOVATION_CENTRES, term, terms
from service.api.deps import ActorDep, RuntimeDep
from service.auth.policy import require_role
from service.domain.actor import Role
from service.errors import ServiceError
from service.io.cells import row as cells
from service.pictures.words import num
from service.registry.clubs import load_clubs
from service.registry.repository import Repository
from service.registry.specs import AGENCY, CAPACITY
from service.site.errors import page
from service.site.intake_words import say
from service.site.lang import lang_of

router = APIRouter(include_in_schema=False)
COLUMNS = ("id", "titleFa", "titleEn", "innovationCentre", "innovationCentreFa", "companyId", "companyFa", "companyFictional", "descriptionFa")


async def products(repo: Repository, q: str | None, centre: str | None) -> list[dict[str, Any]]:
    """The products matching, each with its centre's and company's names (one row per product)."""
    if centre and centre not in {t.code for t in terms(INNOVATION_CENTRES)}:
        raise ServiceError("VALIDATION", f"centre: unknown innovation centre {centre!r}", f"مرکز نوآوری شناخته نیست ({centre})",
                           field="centre")  # fmt: skip
    filters = {"kind": "product", "innovationCentre": centre or None}
    rows = await repo.page(CAPACITY, filters=filters, q=q or None, sort="title", limit=5000)
    firms = await repo.get_many(AGENCY, sorted({r["agencyId"] for r in rows}))
    out = []
    for r in rows:
        firm = firms.get(r["agencyId"], {})
        found = term(INNOVATION_CENTRES, r.get("innovationCentre"))
        out.append({"id": r["id"], "titleFa": r["titleFa"], "titleEn": r.get("titleEn"), "innovationCentre": r.get("innovationCentre"),
                    "innovationCentreFa": found.fa if found else "", "companyId": r["agencyId"], "companyFa": firm.get("nameFa", ""),
                    "companyEn": firm.get("nameEn"),
                    "companyFictional": bool(firm.get("fictional")), "descriptionFa": r.get("descriptionFa")})  # fmt: skip
    return out


def _e(text: object) -> str:
    return html.escape(str(text or ""))


@router.get("/catalogue", response_class=HTMLResponse)
async def catalogue(request: Request, runtime: RuntimeDep, actor: ActorDep) -> HTMLResponse:
    require_role(actor, Role.DIRECTORATE, Role.ANALYST)
    lang = lang_of(request)
    q = request.query_params.get("q", "")[:200]
    centre = request.query_params.get("centre", "")[:60]
    found = await products(Repository(runtime.store), q, centre)
    options = "".join(f'<option value="{t.code}"{" selected" if t.code == centre else ""}>{_e(t.label(lang))}</option>'
                      for t in terms(INNOVATION_CENTRES))  # fmt: skip
    body = [f"""<h1>{say(lang, "cat_h1")}</h1><p class="muted">{say(lang, "cat_intro")}</p>
<form method="get" action="/catalogue" class="filters" role="search"><label>{say(lang, "search")} <input name="q" value="{_e(q)}"></label>
<label>{say(lang, "centre")} <select name="centre"><option value="">{say(lang, "all")}</option>{options}</select></label>
<button type="submit" class="primary">{say(lang, "search")}</button></form>
<p id="count">{say(lang, "n_products", n=num(len(found), lang=lang))} ·
<a href="/catalogue.csv" download>CSV</a> · <a href="/catalogue.xlsx" download>Excel</a></p>
<div class="table-wrap"><table id="products"><thead><tr><th>{say(lang, "product")}</th><th>{say(lang, "centre")}</th>
<th>{say(lang, "company")}</th></tr></thead><tbody>"""]
    for p in found:
        flag = f' <span class="fictional">{say(lang, "fictional")}</span>' if p["companyFictional"] else ""
        found_centre = term(INNOVATION_CENTRES, p["innovationCentre"])
        title = (p["titleEn"] if lang == "en" else None) or p["titleFa"]
        body.append(f'<tr data-id="{_e(p["id"])}"><td>{_e(title)}</td><td>{_e(found_centre.label(lang) if found_centre else "")}</td>'
                    f"<td>{_e(p['companyEn'] if lang == 'en' and p['companyEn'] else p['companyFa'])}{flag}</td></tr>")
    body.append("</tbody></table></div>")
    for club in await load_clubs(runtime.store):
        desks = "".join(f"<li>{_e((d.get('nameEn') if lang == 'en' else None) or d['nameFa'])}"
                        f"{'' if d.get('memberCount') is None else say(lang, 'desk_members', n=num(d['memberCount'], lang=lang))}</li>"
                        for d in club["desks"])  # fmt: skip
        members = num(club["memberCount"], lang=lang) if club.get("memberCount") is not None else "—"
        name = (club.get("nameEn") if lang == "en" else None) or club["nameFa"]
        body.append(f'<section class="club" id="{_e(club["id"])}"><h2>{_e(name)}</h2><p>'
                    f'{say(lang, "club_line", members=members, desks=num(len(club["desks"]), lang=lang))}</p><ul>{desks}</ul>'
                    f'<p class="muted">{_e(club.get("source"))}</p></section>')  # fmt: skip
    return page(say(lang, "cat_title"), "".join(body), current="/catalogue", request=request)


@router.get("/catalogue.csv")
async def catalogue_csv(request: Request, runtime: RuntimeDep, actor: ActorDep) -> Response:
    require_role(actor, Role.DIRECTORATE, Role.ANALYST)
    found = await products(Repository(runtime.store), request.query_params.get("q"), request.query_params.get("centre"))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for p in found:
        writer.writerow(cells(p[c] for c in COLUMNS))
    return Response(("\ufeff" + out.getvalue()).encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="catalogue.csv"'})  # fmt: skip


@router.get("/catalogue.xlsx")
async def catalogue_xlsx(request: Request, runtime: RuntimeDep, actor: ActorDep) -> Response:
    from openpyxl import Workbook

    require_role(actor, Role.DIRECTORATE, Role.ANALYST)
    found = await products(Repository(runtime.store), request.query_params.get("q"), request.query_params.get("centre"))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "products"
    sheet.sheet_view.rightToLeft = True
    sheet.append(list(COLUMNS))
    for p in found:
        sheet.append(cells(p[c] for c in COLUMNS))
    data = io.BytesIO()
    book.save(data)
    return Response(data.getvalue(), media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": 'attachment; filename="catalogue.xlsx"'})  # fmt: skip
