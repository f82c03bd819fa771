"""The one place a page's language is chosen, for the portal and the analyst pages alike.

``?lang=en`` (or ``fa``) wins and is remembered in the ``hmh_lang`` cookie for the whole site;
otherwise the cookie; otherwise Persian. Each page family keeps its words in one table of
``key -> (Persian, English)``; :func:`phrase` reads one, so a missing word is a KeyError in the
tests rather than a silently Persian phrase on an English page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from service.portal.i18n import LANGS, Lang, pick_lang
from service.portal.session import LANG_COOKIE, set_cookie

Table = Mapping[str, tuple[str, str]]
R = TypeVar("R", bound=Response)


def lang_of(request: Request) -> Lang:
    """``?lang=`` wins (and is remembered in a cookie); else the cookie; else Persian."""
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return pick_lang(asked)
    return pick_lang(request.cookies.get(LANG_COOKIE))


def remember(request: Request, response: R) -> R:
    """Keep an explicit ``?lang=`` choice for every page of the site (cookie path /)."""
    asked = request.query_params.get("lang")
    if asked in LANGS:
        set_cookie(request, response, LANG_COOKIE, str(asked), max_age=365 * 86400, path="/")
    return response


def switch_url(request: Request, lang: Lang) -> str:
    """This page in the other language (the other query parameters kept)."""
    other = "en" if lang == "fa" else "fa"
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"] + [("lang", other)]
    return f"{request.url.path}?{urlencode(params)}"


def direction(lang: Lang) -> str:
    return "ltr" if lang == "en" else "rtl"


def phrase(table: Table, lang: Lang, key: str, **fmt: object) -> str:
    """One phrase of ``table`` in ``lang``; ``fmt`` fills its {placeholders}."""
    fa, en = table[key]
    text = en if lang == "en" else fa
    return text.format(**fmt) if fmt else text
