"""/ (a landing page for each role), /favicon.ico and POST /signout."""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from service.api.signin import VIEWER_COOKIE, viewer_actor
from service.domain.actor import Actor, Role
from service.site.errors import page

router = APIRouter(include_in_schema=False)
ANALYSES = (("duplication", "موازی‌کاری وظایف"), ("winwin", "فرصت‌های برد-برد"), ("alignment", "هم‌خوانی مبادلات با وظایف"),
            ("followup", "پیگیری درخواست‌ها"), ("issues", "خوشه‌های مسائل"), ("collaboration", "همکاری و کارگروه‌های پیشنهادی"))  # fmt: skip
PICTURES = (
    ("/graph", "شبکهٔ دستگاه‌ها", "همهٔ ثبت: دستگاه‌ها، وظایف، ظرفیت‌ها، نیازها، مسائل، مبادلات و درخواست‌ها؛ جست‌وجو، پالایه و خروجی."),
    ("/graph/overlay/duplication", "موازی‌کاری روی شبکه", "وظایفی که دو دستگاه هر دو انجام می‌دهند، با امتیاز شباهت."),
    ("/graph/overlay/winwin", "برد-برد روی شبکه", "دستگاه‌هایی که ظرفیتشان نیاز دیگری را پاسخ می‌دهد، با چرخه‌ها."),
)
MATRICES = (("duplication", "ماتریس موازی‌کاری"), ("winwin", "ماتریس برد-برد"), ("followup", "ماتریس درخواست‌های باز"),
            ("collaboration", "ماتریس حجم مبادلات"))  # fmt: skip
ROLE_NAMES = {Role.DIRECTORATE: "دبیرخانهٔ هماهنگی", Role.ANALYST: "تحلیلگر"}


def _visitor() -> Response:
    body = """<h1>هماهنگ: سامانهٔ هماهنگی دستگاه‌های اجرایی</h1>
<p>یک گراف از دستگاه‌های اجرایی شهر و هر آنچه میانشان است: وظایف، ظرفیت‌ها، نیازها، مسائل، مبادلات و درخواست‌ها.</p>
<div class="cards">
<a class="card entry" href="/signin" id="enter-analyst"><strong>دبیرخانه و تحلیلگران</strong><span>شبکه، ماتریس‌ها و تحلیل‌ها</span></a>
<a class="card entry" href="/portal/login" id="enter-agency"><strong>کارکنان دستگاه‌ها</strong><span>درخواست‌ها، ظرفیت‌ها، نیازها و مسائل دستگاه</span></a>
</div>
<p class="muted">برنامه‌نویسان: <a href="/graphql">GraphiQL</a> و <a href="/docs">مستندات API</a> (با توکن دسترسی).</p>"""
    return page("خوش آمدید", body, current="/", signed_in=False)


def _analyst(actor: Actor) -> Response:
    pictures = "".join(f'<a class="card" href="{h}"><strong>{t}</strong><span>{d}</span></a>' for h, t, d in PICTURES)
    matrices = "".join(
        f'<div class="card"><a href="/matrix/{n}"><strong>{t}</strong></a>'
        f'<span><a href="/matrix/{n}.png" download>PNG</a> · <a href="/matrix/{n}.svg" download>SVG</a></span></div>'
        for n, t in MATRICES
    )
    rows = "".join(
        f'<tr><th scope="row">{t}</th>' + "".join(f'<td><a href="/analyses/{n}.{f}" download>{f.upper()}</a></td>' for f in ("xlsx", "csv", "json")) + "</tr>"
        for n, t in ANALYSES
    )  # fmt: skip
    body = f"""<h1>هماهنگ</h1><p class="muted" id="role">وارد شده به عنوان {ROLE_NAMES.get(actor.role, actor.role.value)}</p>
<h2>نگاره‌ها</h2><div class="cards">{pictures}</div>
<h2>ماتریس‌ها</h2><div class="cards">{matrices}</div>
<h2 id="downloads">دریافت تحلیل‌ها</h2>
<div class="table-wrap"><table class="downloads"><thead><tr><th>تحلیل</th><th colspan="3">قالب</th></tr></thead><tbody>{rows}</tbody></table></div>
<h2>کل ثبت</h2><p><a href="/registry/export.xlsx" download>اکسل</a> · <a href="/registry/export.json" download>JSON</a> ·
<a href="/registry/template.xlsx" download>الگوی ورود اطلاعات</a> · <a href="/interop/export.graphml" download>GraphML</a> ·
<a href="/interop/export.gexf" download>GEXF</a></p>
<h2>برنامه‌نویسان</h2><p><a href="/graphql">GraphiQL</a> · <a href="/docs">مستندات API</a></p>"""
    return page("صفحهٔ نخست", body, current="/")


@router.get("/")
async def landing(request: Request) -> Response:
    """Directorate and analysts signed in here see their pages; anyone else, the two entrances."""
    actor = await viewer_actor(request)
    if actor is not None and actor.role in ROLE_NAMES:
        return _analyst(actor)
    return _visitor()


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
