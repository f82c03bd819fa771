"""/ (a landing page for each role), /favicon.ico and POST /signout."""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from service.api.signin import VIEWER_COOKIE, viewer_actor
from service.domain.actor import Actor, Role
from service.site.errors import page
from service.site.lang import Lang, lang_of
from service.site.words import say

router = APIRouter(include_in_schema=False)
ANALYSES = ("duplication", "winwin", "alignment", "followup", "issues", "collaboration")  # words: a_<name>
PICTURES = (("/graph", "p_graph"), ("/graph/overlay/duplication", "p_dup"), ("/graph/overlay/winwin", "p_winwin"),
            ("/graph/overlay/agreements", "p_agreements"),
            ("/graph/overlay/groups", "p_groups"))  # the last: issue 19
MATRICES = ("duplication", "winwin", "followup", "collaboration")  # words: m_<name>
TRANSPARENCY = {"en": "Working groups' transparency reports (public)", "fa": "گزارش‌های شفافیت کارگروه‌ها (عمومی)"}  # issue 19
ROLE_NAMES = {Role.DIRECTORATE: "role_directorate", Role.ANALYST: "role_analyst"}


def _visitor(request: Request, lang: Lang) -> Response:
    def w(key: str) -> str:
        return say(lang, key)

    body = f"""<h1>{w("visitor_h1")}</h1>
<p>{w("visitor_intro")}</p>
<div class="cards">
<a class="card entry" href="/signin" id="enter-analyst"><strong>{w("enter_analyst")}</strong><span>{w("enter_analyst_d")}</span></a>
<a class="card entry" href="/portal/login" id="enter-agency"><strong>{w("enter_agency")}</strong><span>{w("enter_agency_d")}</span></a>
</div>
<p><a href="/transparency" id="enter-transparency">{TRANSPARENCY[lang]}</a></p>
<p class="muted">{w("developers_line")} <a href="/graphql">GraphiQL</a> <a href="/docs">{w("api_docs")}</a> {w("with_token")}</p>"""
    return page(w("welcome"), body, current="/", signed_in=False, request=request)


def _analyst(request: Request, lang: Lang, actor: Actor) -> Response:
    def w(key: str, **fmt: object) -> str:
        return say(lang, key, **fmt)

    pictures = "".join(
        f'<a class="card" href="{h}"><strong>{w(k)}</strong><span>{w(k + "_d")}</span></a>' for h, k in PICTURES
    )
    matrices = "".join(
        f'<div class="card"><a href="/matrix/{n}"><strong>{w("m_" + n)}</strong></a>'
        f'<span><a href="/matrix/{n}.png" download>PNG</a> · <a href="/matrix/{n}.svg" download>SVG</a></span></div>'
        for n in MATRICES
    )
    rows = "".join(
        f'<tr><th scope="row">{w("a_" + n)}</th>'
        + "".join(f'<td><a href="/analyses/{n}.{f}" download>{f.upper()}</a></td>' for f in ("xlsx", "csv", "json")) + "</tr>"
        for n in ANALYSES
    )  # fmt: skip
    role = w(ROLE_NAMES[actor.role]) if actor.role in ROLE_NAMES else actor.role.value
    body = f"""<h1>{w("brand")}</h1><p class="muted" id="role">{w("signed_in_as", role=role)}</p>
<h2>{w("pictures")}</h2><div class="cards">{pictures}</div>
<h2>{w("matrices")}</h2><div class="cards">{matrices}</div>
<h2 id="downloads">{w("nav_downloads")}</h2>
<div class="table-wrap"><table class="downloads"><thead><tr><th>{w("analysis")}</th><th colspan="3">{w("format")}</th></tr></thead>
<tbody>{rows}</tbody></table></div>
<h2>{w("whole_registry")}</h2><p><a href="/registry/export.xlsx" download>{w("excel")}</a> · <a href="/registry/export.json" download>JSON</a> ·
<a href="/registry/template.xlsx" download>{w("template")}</a> · <a href="/interop/export.graphml" download>GraphML</a> ·
<a href="/interop/export.gexf" download>GEXF</a></p>
<h2>{w("agreements_h")}</h2><p id="agreement-downloads"><a href="/registry/agreements.xlsx" download>{w("excel")}</a> ·
<a href="/registry/agreements.csv" download>CSV</a> · <a href="/registry/agreement-totals.csv" download>{w("agreement_totals")}</a> ·
<a href="/interop/agreements.ocds" download>OCDS</a></p>
<h2>{w("developers")}</h2><p><a href="/graphql">GraphiQL</a> · <a href="/docs">{w("api_docs")}</a></p>"""
    return page(w("home"), body, current="/", request=request)


@router.get("/")
async def landing(request: Request) -> Response:
    """Directorate and analysts signed in here see their pages; anyone else, the two entrances."""
    actor = await viewer_actor(request)
    lang = lang_of(request)
    if actor is not None and actor.role in ROLE_NAMES:
        return _analyst(request, lang, actor)
    return _visitor(request, lang)


@router.get("/favicon.ico")
async def favicon() -> Response:
    data = resources.files("service.static").joinpath("favicon.ico").read_bytes()
    return Response(data, media_type="image/x-icon", headers={"Cache-Control": "public, max-age=86400"})


@router.post("/signout")
async def sign_out() -> Response:
    """Forget the viewer cookie (SameSite=Strict, so another site cannot post this with it)."""
    response = RedirectResponse("/signin?out=1", status_code=303)
    response.delete_cookie(VIEWER_COOKIE, path="/", httponly=True, samesite="strict")
    return response
