"""Persian text stored as written and searched in normal form; Jalali in, both calendars out."""

from __future__ import annotations

import pytest

from service.text.jalali import DateError, jalali_year, parse_date, to_jalali
from service.text.persian import normalize
from tests.conftest import GraphQL


@pytest.mark.parametrize(
    ("written", "searched"),
    [
        ("شهرداري مشهد", "شهرداری"),          # Arabic yeh stored, Persian yeh searched
        ("شهرداری مشهد", "شهرداري"),          # and the other way round
        ("كتابخانه مركزي", "کتابخانه مرکزی"),   # Arabic kaf
        ("آب‌های سطحی", "آبهای سطحی"),         # ZWNJ against none
        ("آب‌های سطحی", "آب های"),             # ZWNJ against a space
        ("منطقهٔ ۹", "منطقه 9"),                # hamza above, Persian digits
        ("مُدیریت بحران", "مدیریت"),            # diacritics
    ],
)
def test_search_finds_other_spellings(registry: GraphQL, written: str, searched: str) -> None:
    made = registry.ok(
        "mutation($i: AgencyInput!) { createAgency(input: $i) { id nameFa } }",
        i={"code": "X", "nameFa": written, "kind": "NGO", "level": "EXTERNAL"},
    )["createAgency"]
    assert made["nameFa"] == written  # stored as written
    found = registry.ok("query($q: String) { agencies(filter: {q: $q}) { nodes { id } } }", q=searched)
    assert [n["id"] for n in found["agencies"]["nodes"]] == [made["id"]]


def test_unrelated_text_is_not_found(registry: GraphQL) -> None:
    registry.ok(
        "mutation($i: AgencyInput!) { createAgency(input: $i) { id } }",
        i={"code": "X", "nameFa": "شرکت گاز", "kind": "NGO", "level": "EXTERNAL"},
    )
    assert registry.ok('{ agencies(filter: {q: "آتش‌نشانی"}) { totalCount } }')["agencies"]["totalCount"] == 0


def test_bidi_controls_are_stripped_from_names(registry: GraphQL) -> None:
    made = registry.ok(
        "mutation($i: AgencyInput!) { createAgency(input: $i) { nameFa } }",
        i={"code": "X", "nameFa": "\u202eسازمان\u202c", "kind": "NGO", "level": "EXTERNAL"},
    )
    assert made["createAgency"]["nameFa"] == "سازمان"


@pytest.mark.parametrize(
    ("given", "iso", "jalali"),
    [
        ("۱۴۰۰/۰۸/۱۷", "2021-11-08", "1400/08/17"),
        ("1403-02-15", "2024-05-04", "1403/02/15"),
        ("1403/12/30", "2025-03-20", "1403/12/30"),  # 1403 is a leap year
        ("2024-05-04", "2024-05-04", "1403/02/15"),
    ],
)
def test_dates_round_trip_through_graphql(registry: GraphQL, given: str, iso: str, jalali: str) -> None:
    registry.ok("mutation { createAgency(input: {id: \"a\", code: \"A\", nameFa: \"الف\", kind: NGO, level: EXTERNAL}) { id } }")
    registry.ok("mutation { createAgency(input: {id: \"b\", code: \"B\", nameFa: \"ب\", kind: NGO, level: EXTERNAL}) { id } }")
    made = registry.ok(
        "mutation($d: String!) { createExchange(input: {kind: SERVICE, providerId: \"a\", receiverId: \"b\","
        " titleFa: \"خدمت\", date: $d}) { date dateJalali jalaliYear } }",
        d=given,
    )["createExchange"]
    assert made == {"date": iso, "dateJalali": jalali, "jalaliYear": int(jalali[:4])}


def test_jalali_helpers() -> None:
    assert to_jalali(parse_date("1401/01/01")) == "1401/01/01"
    assert jalali_year("2024-03-19") == 1402 and jalali_year("2024-03-20") == 1403
    with pytest.raises(DateError):
        parse_date("1402/12/30")  # 1402 is not a leap year
    with pytest.raises(DateError):
        parse_date("فردا")
    assert normalize("۱۲۰۰٫۵") == "1200.5"


@pytest.mark.parametrize("year", [0, -3, 9377, 2_000_000])
def test_a_jalali_year_outside_the_calendar_is_the_clients_error(registry: GraphQL, year: int) -> None:
    """Found by the fuzzer: jdatetime refused the year and the filter answered an internal error."""
    errors = registry.errors("query($y: Int) { exchanges(filter: {jalaliYear: $y}) { totalCount } }", y=year)
    assert errors[0]["extensions"]["code"] == "VALIDATION" and errors[0]["extensions"]["field"] == "jalaliYear"
    assert "سال شمسی" in errors[0]["extensions"]["messageFa"]
