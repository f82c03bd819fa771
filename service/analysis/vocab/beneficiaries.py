"""Who a duty serves, as a hierarchy of codes (``data/beneficiaries.csv``): residents ⊂ the public,
children ⊂ residents, drivers ⊂ commuters, water subscribers ⊂ subscribers, … A code
``residents:D9`` (residents of district 9) is a narrower code of ``residents``. Free text («ساکنان
منطقه ۹», «شهروندان») maps to codes.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextvars import ContextVar
from functools import cache, lru_cache

from service.analysis.vocab.geography import geo_code, geo_label, geography
from service.analysis.vocab.hierarchy import Hierarchy, load

ROOTS = frozenset({"public", "organisations"})
_RESIDENT_WORDS = ("ساکنان", "ساکنین", "اهالی", "شهروندان", "residents of", "residents")


def _infer(code: str) -> str | None:
    base, sep, _ = code.partition(":")
    return base if sep else None


@cache
def shipped_beneficiaries() -> Hierarchy:
    return load("beneficiaries.csv", _infer)


# the hierarchy of the run under way: the shipped one plus the directorate's terms (vocab/terms.py)
ACTIVE: ContextVar[Hierarchy | None] = ContextVar("active_beneficiaries", default=None)


def beneficiaries() -> Hierarchy:
    return ACTIVE.get() or shipped_beneficiaries()


def beneficiary_code(text: str) -> str | None:
    """A free-text group as a code: a listed label («شهروندان» → residents), or the residents of a
    place («ساکنان منطقه ۹» → residents:D9), or None."""
    h = beneficiaries()
    if (code := h.code_of(text)) is not None:
        return code
    stripped = text.strip()
    for word in _RESIDENT_WORDS:
        if stripped.casefold().startswith(word):
            place = geo_code(stripped[len(word) :])
            if place is not None:
                return f"residents:{place}" if place != "city" else "residents"
    return None


def codes(values: Iterable[str]) -> list[str]:
    """Stored values as codes: codes stay, free text is mapped, unknown text is kept as written."""
    version = beneficiaries().version + "/" + geography().version
    return [_code(version, v) for v in values]


@lru_cache(maxsize=10_000)
def _code(version: str, value: str) -> str:
    h = beneficiaries()
    return value if value in h.parent or h.parent_of(value) else (beneficiary_code(value) or value)


def shared_beneficiaries(left: Iterable[str] | None, right: Iterable[str] | None) -> list[str]:
    """Groups both serve: where one group contains the other, the narrower one. The two roots (the
    public, organisations) say too little to count as shared."""
    return list(_shared(beneficiaries().version, tuple(codes(left or [])), tuple(codes(right or []))))


@lru_cache(maxsize=100_000)
def _shared(version: str, left: tuple[str, ...], right: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(m for m in beneficiaries().overlap(left, right) if m not in ROOTS)


def beneficiary_label(code: str) -> str:
    base, sep, place = code.partition(":")
    if sep:
        word = "ساکنان" if base == "residents" else beneficiaries().label(base)
        return f"{word} {geo_label(place)}"
    return beneficiaries().label(code)
