"""The explorer's agency box: a typed name picks one agency, and what goes wrong is said in the page's language."""

from __future__ import annotations

from service.text.names import find_agency

AGENCIES = {"ag-abfa": "شرکت آب و فاضلاب مشهد", "ag-d1": "شهرداری منطقه ۱", "ag-d2": "شهرداری منطقه ۲"}


def test_a_partial_name_with_arabic_letters_picks_one_agency() -> None:
    assert find_agency("آب و فاضلاب", AGENCIES) == ("ag-abfa", None)
    assert find_agency("ag-d2", AGENCIES) == ("ag-d2", None)


def test_problems_are_said_in_the_pages_language() -> None:
    _, missing_fa = find_agency("گاز", AGENCIES)
    _, missing_en = find_agency("گاز", AGENCIES, "en")
    _, several_en = find_agency("شهرداری", AGENCIES, "en")
    assert missing_fa and "پیدا نشد" in missing_fa
    assert missing_en == "No agency is named “گاز”."
    assert several_en and several_en.startswith("Several agencies have this name:") and "پیدا" not in several_en
