"""The UN COFOG function taxonomy (divisions and groups) with Persian names, shipped as data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Function:
    code: str
    parent: str | None
    name_en: str
    name_fa: str


@cache
def functions() -> dict[str, Function]:
    """Read once: the taxonomy is immutable data, so caching it is not mutable state."""
    raw = json.loads(resources.files("service.data").joinpath("cofog.json").read_text(encoding="utf-8"))
    return {f["code"]: Function(f["code"], f.get("parent"), f["nameEn"], f["nameFa"]) for f in raw}


def function_name(code: str | None, lang: str) -> str | None:
    found = functions().get(code or "")
    if found is None:
        return None
    return found.name_fa if lang == "fa" else found.name_en


def division(code: str) -> str:
    """'06.2' -> '06': the broad area GAO's 'fragmentation' is judged on."""
    return code.split(".", 1)[0]
