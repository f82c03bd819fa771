"""The Persian municipal vocabularies: spelling variants and synonyms meet, unrelated things do not,
geography and beneficiaries compare by containment, not by string."""

from __future__ import annotations

import pytest

from service.analysis.meaning import both_ways
from service.analysis.vocab import (
    beneficiary_code,
    beneficiary_label,
    concepts,
    default_thesaurus,
    geo_code,
    geo_overlap,
    related,
    shared_beneficiaries,
    stem,
)  # fmt: skip


@pytest.mark.parametrize(("left", "right"), [
    ("جمع‌آوری پسماند خانگی", "جمعآوری زباله‌های خانگی"),          # ZWNJ, joined, synonym, plural
    ("نگهداری پارکهای محله", "نگهداری بوستان‌های محله‌ای"),            # پارک = بوستان
    ("دفع آبهای سطحی", "هدایت رواناب و رفع آب‌گرفتگی"),               # surface water ring
    ("صدور پروانه ساختمانی", "صدور جواز ساخت"),                       # permit ring
    ("رفت و روب معابر", "نظافت خیابان‌ها"),                            # cleaning streets
    ("امدادونجات در حوادث", "امداد و نجات در سوانح"),                  # spelling of امداد و نجات
    ("نگهداري روشنايي معابر", "نگهداری روشنایی معابر"),                 # Arabic ي
])  # fmt: skip
def test_variants_and_synonyms_meet(left: str, right: str) -> None:
    a, b = concepts(left), concepts(right)
    objects = default_thesaurus().of_type(a, "object")
    assert objects, left
    assert objects & b, (sorted(a), sorted(b))


@pytest.mark.parametrize(("left", "right"), [
    ("توسعه و نگهداری شبکه توزیع گاز شهری", "توسعه شبکه فیبر نوری و ارتباطات ثابت"),
    ("جمع‌آوری و تصفیه فاضلاب", "جمع‌آوری پسماند خانگی"),
    ("مدیریت پارکینگ‌های عمومی", "تأمین روشنایی معابر"),
])  # fmt: skip
def test_unrelated_objects_do_not_meet(left: str, right: str) -> None:
    t = default_thesaurus()
    a, b = t.of_type(concepts(left), "object"), t.of_type(concepts(right), "object")
    assert a and b
    generic = {"obj.network", "obj.street"}
    assert t.similarity(a - generic, b - generic) < 0.5, (sorted(a), sorted(b))


def test_related_follows_the_hierarchy() -> None:
    assert related("obj.park", "obj.park") == 1.0
    assert related("obj.park", "obj.green") == 0.8
    assert related("obj.gas", "obj.fibre") == 0.0
    assert 0 < related("obj.park", "obj.tree") < 0.8  # siblings under green space
    assert related("nope", "obj.park") == 0.0


def test_stemmer_is_light() -> None:
    assert stem("پارکها") == stem("پارک") == stem("پارکهای")
    assert stem("شهروندان") == stem("شهروند")
    assert stem("تعمیرات") == stem("تعمیر")
    assert stem("تنها") == "تنها"  # a short word is not cut to nothing


def test_geography_is_a_hierarchy() -> None:
    assert geo_overlap(["city"], ["D9"]) == ["D9"]
    assert geo_overlap([], ["samen"]) == ["samen"]          # no geography: the city
    assert geo_overlap(["D1"], ["D2"]) == []
    assert geo_overlap(["neyshabur"], ["city"]) == []       # another city never overlaps this one
    assert geo_overlap(["neyshabur"], ["D3"]) == []
    assert geo_overlap(["province"], ["D3"]) == ["D3"]
    assert geo_overlap(["D17"], ["city"]) == ["D17"]        # a generated district is still a district
    assert geo_code("منطقه ۹") == "D9" and geo_code("شهر نیشابور") == "neyshabur"
    assert geo_code("منطقه ثامن") == "samen"


def test_beneficiaries_are_codes() -> None:
    assert beneficiary_code("ساکنان منطقه ۹") == "residents:D9"
    assert beneficiary_code("شهروندان") == "residents"
    assert beneficiary_code("عابران پیاده") == "pedestrians"
    assert shared_beneficiaries(["ساکنان منطقه ۹"], ["شهروندان"]) == ["residents:D9"]
    assert shared_beneficiaries(["drivers"], ["commuters"]) == ["drivers"]
    assert shared_beneficiaries(["residents"], ["businesses"]) == []
    assert shared_beneficiaries(["public"], ["organisations"]) == []
    assert beneficiary_label("residents:D9") == "ساکنان منطقه ۹"


def test_a_thesaurus_with_other_terms_never_reads_another_ones_meets() -> None:
    """Each run with the directorate's terms makes its own thesaurus. Meets were once kept in a module
    keyed by the thesaurus's ``id``: a new thesaurus at a freed one's address read the old terms' meets
    (2 of 200 runs here). A new concept under «network», then under «surface water», run after run."""
    shipped = default_thesaurus()
    network, water = frozenset({"obj.network"}), frozenset({"obj.surface_water"})
    assert both_ways(network, water, shipped) == 0.0, "the two parents must be unrelated for the test to mean anything"
    new = frozenset({"obj.test_new"})
    for run in range(200):
        parent = "obj.network" if run % 2 == 0 else "obj.surface_water"
        mine = shipped.with_terms([{"concept": "obj.test_new", "label": "چیز تازهٔ آزمون", "broader": parent}])
        assert both_ways(network, new, mine) == (0.8 if parent == "obj.network" else 0.0), f"run {run}"
        assert ("both_ways", network, new) in mine.pair_cache  # kept with the thesaurus it was worked out in
        del mine
