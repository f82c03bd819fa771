"""The /graph form read the way people type it: Persian or Latin digits, an agency by its name
(normalised: ي/ك, ZWNJ, spacing) or id, kinds by code; every problem a Persian message per field."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from service.pictures import words
from service.pictures.registry_graph import GraphFilter
from service.site.lang import Lang
from service.text.names import find_agency
from service.text.persian import normalize

FUNCTION = re.compile(r"^\d{2}(\.\d{1,2})?$")


@dataclass
class Parsed:
    wanted: GraphFilter = field(default_factory=GraphFilter)
    errors: dict[str, str] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)  # the resolved parameters (GraphML link)


def _year(text: str, name: str, errors: dict[str, str], lang: Lang = "fa") -> int | None:
    digits = normalize(text)
    if not digits:
        return None
    if not digits.isdigit() or not 1300 <= int(digits) <= 1500:
        errors[name] = words.explorer(lang, "err_year")
        return None
    return int(digits)


def parse(params: dict[str, str], agencies: dict[str, str], lang: Lang = "fa") -> Parsed:
    """The form's values; each problem a message in the page's language, per field."""
    out = Parsed()
    errors = out.errors
    agency = None
    if (params.get("agency") or "").strip():
        agency, problem = find_agency(params["agency"].strip(), agencies, lang)
        if problem:
            errors["agency"] = problem
    kind = params.get("kind") or None
    if kind and kind not in words.KINDS:
        errors["kind"] = words.explorer(lang, "err_kind")
    exchange = params.get("exchange_kind") or None
    if exchange and exchange not in words.EXCHANGE_KINDS:
        errors["exchange_kind"] = words.explorer(lang, "err_exchange_kind")
    function = normalize(params.get("function") or "") or None
    if function and not FUNCTION.match(function):
        errors["function"] = words.explorer(lang, "err_function")
    year_from = _year(params.get("year_from") or "", "year_from", errors, lang)
    year_to = _year(params.get("year_to") or "", "year_to", errors, lang)
    if year_from and year_to and year_from > year_to:
        errors["year_to"] = words.explorer(lang, "err_years")
    if not errors:
        out.wanted = GraphFilter(agency, kind, function, exchange, year_from, year_to)
        out.query = {k: v for k, v in (("agency", agency), ("kind", kind), ("function", function), ("exchange_kind", exchange),
                                       ("year_from", year_from), ("year_to", year_to)) if v}  # fmt: skip
    return out
