"""Jinja2 rendering for the portal: the page's language, helpers, and strict security headers.

Pages may load only this origin's files (the CSP says so too), so an intranet without internet
shows them whole; the one inline stylesheet carries a per-response nonce.
"""

from __future__ import annotations

import secrets
from functools import partial
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from service.portal import i18n
from service.portal.i18n import Lang
from service.site.lang import lang_of, remember
from service.text.units import unit_label

__all__ = ["lang_of", "render"]

ENV = Environment(
    loader=PackageLoader("service.portal", "templates"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def headers(nonce: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": (
            f"default-src 'self'; style-src 'self' 'nonce-{nonce}'; script-src 'none'; img-src 'self' data:; "
            "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        ),
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Cache-Control": "no-store",
    }


def render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """Render ``template`` in the request's language with the shared helpers."""
    lang = lang_of(request)
    nonce = secrets.token_urlsafe(12)
    other: Lang = "en" if lang == "fa" else "fa"
    base = {
        "lang": lang,
        "dir": "rtl" if lang == "fa" else "ltr",
        "nonce": nonce,
        "switch_url": f"{request.url.path}?lang={other}",
        "_": partial(i18n.t, lang),
        "v": partial(i18n.value_label, lang),
        "d": partial(i18n.digits, lang),
        "jd": partial(i18n.jdate, lang),
        "actor": None,
        "agency_name": "",
        "csrf": "",
        "flash": None,
        "error": None,
        "counts": None,
        "u": partial(unit_label, lang=lang),
    }
    html = ENV.get_template(template).render(base | context)
    response = HTMLResponse(html, status_code=status, headers=headers(nonce))
    return remember(request, response)
