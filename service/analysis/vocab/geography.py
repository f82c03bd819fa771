"""Where a duty applies, as a hierarchy: the country, the province, the registry's city (``city``,
Mashhad) with its 13 districts and Samen (the shrine district), and the province's other cities.

Two duties' geographies overlap only where one area contains the other: ``city`` contains its own
districts and nothing in another city; a district another city's generator calls ``D17`` is read as a
district of the registry's city, ``X/D3`` as district 3 of the city coded ``X``. Codes nobody knows
overlap only themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextvars import ContextVar
from functools import cache, lru_cache

from service.analysis.vocab.hierarchy import Hierarchy, load

CITY = "city"
_DISTRICT = re.compile(r"^D\d{1,3}$")
_DISTRICT_OF = re.compile(r"^(.+)/D\d{1,3}$")  # «U007/D3»: district 3 of the city coded U007


def _infer(code: str) -> str | None:
    if _DISTRICT.match(code):
        return CITY
    other = _DISTRICT_OF.match(code)
    return other.group(1) if other else None


@cache
def shipped_geography() -> Hierarchy:
    return load("geography.csv", _infer)


# the hierarchy of the run under way: the shipped one plus the directorate's terms (vocab/terms.py)
ACTIVE: ContextVar[Hierarchy | None] = ContextVar("active_geography", default=None)


def geography() -> Hierarchy:
    return ACTIVE.get() or shipped_geography()


def geo_overlap(left: Iterable[str] | None, right: Iterable[str] | None) -> list[str]:
    """The areas both cover (an empty list means the city, as the domain model's default)."""
    return list(_overlap(geography().version, tuple(left or [CITY]), tuple(right or [CITY])))


@lru_cache(maxsize=100_000)
def _overlap(version: str, left: tuple[str, ...], right: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(geography().overlap(left, right))


def geo_code(text: str) -> str | None:
    """A free-text place («منطقه ۹», «شهر نیشابور») as a code, or None."""
    return geography().code_of(text)


def geo_label(code: str) -> str:
    return geography().label(code)


@cache
def shipped_kinds() -> dict[str, str]:
    """Each shipped code's kind (country, province, city, district), from the file's ``kind`` column."""
    import csv
    from importlib import resources

    text = resources.files("service.analysis.vocab").joinpath("data/geography.csv").read_text(encoding="utf-8")
    return {row["code"]: row["kind"] for row in csv.DictReader(text.splitlines())}


def geo_tree(root: str = "province") -> dict[str, object] | None:
    """The hierarchy under ``root`` as nested ``{code, kind, fa, en, labelsFa, children}``, children in the
    file's order (districts 1..13, then Samen): the one geography agencies and analyses share."""
    geo = geography()
    if root not in geo.parent:
        return None
    children: dict[str | None, list[str]] = {}
    for code, parent in geo.parent.items():
        children.setdefault(parent, []).append(code)
    kinds = shipped_kinds()

    def node(code: str) -> dict[str, object]:
        fa, en = geo.labels_fa.get(code, ()), geo.labels_en.get(code, ())
        return {"code": code, "kind": kinds.get(code), "fa": fa[0] if fa else code, "en": en[0] if en else code,
                "labelsFa": list(fa), "children": [node(c) for c in children.get(code, [])]}  # fmt: skip

    return node(root)
