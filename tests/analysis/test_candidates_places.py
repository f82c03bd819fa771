"""Duplication blocks are split by place: duties in two cities never overlap, so they never crowd out
each other's neighbours, and a province-wide duty still meets duties in every city."""

from __future__ import annotations

from service.analysis.candidates import ALL_PAIRS_UP_TO, places
from service.analysis.duplication import analyse_duplication
from service.analysis.snapshot import Snapshot
from service.settings import DuplicationParams

TEXT = "پاکسازی و لایروبی کانال‌های هدایت آب‌های سطحی"
FILLER = ("نگهداری فضای سبز بلوار", "آموزش شهروندی ایمنی", "نظارت بر ساخت‌وساز", "جمع‌آوری پسماند خشک",
          "صدور مجوز تبلیغات", "ساماندهی دستفروشان", "تعمیر آسفالت معابر", "نصب علائم ترافیکی")  # fmt: skip


def _duty(ident: str, agency: str, title: str, geo: list[str]) -> dict:
    return {"id": ident, "agencyId": agency, "titleFa": title, "functionCode": "06.2", "version": 1,
            "beneficiaries": ["residents"], "geography": geo}  # fmt: skip


def test_places_of_codes() -> None:
    assert places(["D9"]) == ("city",)
    assert places([]) == ("city",)  # no geography: the registry's city, as the domain model's default
    assert places(["samen", "D3"]) == ("city",)
    assert places(["U007/D3", "U007"]) == ("U007",)  # a generated city's district lies in it
    assert places(["neyshabur", "D2"]) == ("city", "neyshabur")
    assert places(["province"]) is None and places(["D4", "iran"]) is None  # wider than a city: meets any


def _registry() -> Snapshot:
    """Two cities, each with a big block of one COFOG group (top-k, not all pairs). In Mashhad one
    duty and its rewrite by another agency; in Neyshabur sixty agencies with the very same text, which
    would fill the Mashhad duty's five text neighbours if the cities shared a block; one province-wide
    duty with the same text."""
    duties = [_duty("du-a", "ag-m1", TEXT, ["city"]), _duty("du-a2", "ag-m2", TEXT.replace("کانال‌های", "کانالهای") + " شهر", ["D4"])]
    for i in range(ALL_PAIRS_UP_TO + 10):
        duties.append(_duty(f"du-m{i}", f"ag-m{3 + i % 7}", f"{FILLER[i % len(FILLER)]} {i}", ["city"]))
        duties.append(_duty(f"du-u{i}", f"ag-u{i % 9}", f"{FILLER[i % len(FILLER)]} {i}", ["neyshabur"]))
    duties += [_duty(f"du-copy{i}", f"ag-uc{i}", TEXT, ["neyshabur"]) for i in range(60)]
    duties.append(_duty("du-wide", "ag-province", TEXT, ["province"]))
    agencies = sorted({d["agencyId"] for d in duties})
    return Snapshot(rows={"agency": [{"id": a, "nameFa": a} for a in agencies], "duty": duties})


def test_other_cities_do_not_crowd_out_a_citys_pairs() -> None:
    result = analyse_duplication(_registry(), DuplicationParams(), {})
    pairs = {frozenset({f.duty_a, f.duty_b}) for f in result.findings}
    assert frozenset({"du-a", "du-a2"}) in pairs  # lost before: sixty Neyshabur copies filled du-a's neighbours
    assert frozenset({"du-a", "du-wide"}) in pairs  # a province-wide duty meets Mashhad's …
    assert any(frozenset({f"du-copy{i}", "du-wide"}) in pairs for i in range(60))  # … and Neyshabur's
    mashhad = {"du-a", "du-a2"} | {f"du-m{i}" for i in range(ALL_PAIRS_UP_TO + 10)}
    assert not any(p & mashhad and p & {f"du-copy{i}" for i in range(60)} for p in pairs)  # never across cities
