"""Alignment rules on small in-memory registries: an exchange that settles an issue raised about its
provider, and a coordinator's request for a report or a schedule, are the provider's own work."""

from __future__ import annotations

from typing import Any

from service.analysis.alignment import AlignmentItem, analyse_alignment
from service.analysis.memory import snapshot_of
from service.settings import AlignmentParams

AGENCIES = [
    {"id": "ag-tel", "code": "TEL", "nameFa": "شرکت مخابرات", "kind": "utility_company", "level": "external"},
    {"id": "ag-civil", "code": "CIV", "nameFa": "معاونت فنی و عمرانی", "kind": "municipal_deputy", "level": "headquarters"},
    {"id": "ag-co", "code": "CO", "nameFa": "اداره‌کل هماهنگی دستگاه‌های اجرایی", "kind": "municipal_organisation", "level": "headquarters"},
]
DUTIES = [
    {
        "id": "du-tel",
        "agencyId": "ag-tel",
        "functionCode": "04.6",
        "titleFa": "توسعه شبکه فیبر نوری و ارتباطات ثابت شهر",
        "descriptionFa": "اجرای شبکه فیبر نوری تا منازل و نگهداری کانال‌های مخابراتی.",
    },
    {
        "id": "du-co",
        "agencyId": "ag-co",
        "functionCode": "01.3",
        "titleFa": "هماهنگی دستگاه‌های اجرایی و ساماندهی تعاملات",
        "descriptionFa": "هماهنگی دستگاه‌ها و ثبت مراودات در سامانه یکپارچه.",
    },
]
ISSUE = {
    "id": "is-trench",
    "raisedById": "ag-civil",
    "concernsIds": ["ag-tel"],
    "category": "infrastructure_conflict",
    "severity": "high",
    "titleFa": "تخریب آسفالت تازه خیابان کوهسنگی با حفاری مخابرات",
    "descriptionFa": "شرکت مخابرات چهار ماه پس از روکش آسفالت خیابان کوهسنگی را حفاری کرد.",
}


def _item(record: dict[str, Any], issues: list[dict[str, Any]]) -> AlignmentItem:
    bundle: dict[str, list[dict[str, Any]]] = {"agencies": AGENCIES, "duties": DUTIES, "issues": issues}
    bundle["exchanges" if "providerId" in record else "requests"] = [record]
    result = analyse_alignment(snapshot_of(bundle), AlignmentParams(), [])
    return next(i for i in result.items if i.id == record["id"])


PAY = {
    "id": "ex-pay",
    "kind": "financial",
    "providerId": "ag-tel",
    "receiverId": "ag-civil",
    "date": "1404/03/10",
    "titleFa": "هزینه بازسازی آسفالت پس از کابل‌گذاری خیابان کوهسنگی",
    "amountRials": 2800000000,
}


def test_an_exchange_paying_for_an_issue_raised_about_the_provider_is_its_own_work() -> None:
    item = _item(PAY, [ISSUE])
    assert item.aligned and item.rule == "own_issue" and "is-trench" in item.why
    # without the issue, the same payment resembles none of telecom's duties and is flagged
    assert not _item(PAY, []).aligned
    # an issue raised by someone else than the receiver is not what this payment settles
    other = {**ISSUE, "raisedById": "ag-co"}
    assert not _item(PAY, [other]).aligned


def test_a_coordinators_request_for_a_schedule_or_a_report_is_reporting() -> None:
    base = {"senderId": "ag-co", "receiverId": "ag-tel", "status": "done"}
    schedule = _item({**base, "id": "rq-1", "subject": "ارائه برنامه حفاری سال ۱۴۰۴", "body": "فهرست معابر و زمان‌بندی حفاری‌ها را ارسال فرمایید."}, [])
    report = _item({**base, "id": "rq-2", "subject": "گزارش عملکرد سه‌ماهه تعاملات"}, [])
    midterm = _item({**base, "id": "rq-3", "subject": "ارسال سهم شرکت در برنامه میان‌مدت"}, [])
    assert all(i.aligned and i.rule == "reporting" for i in (schedule, report, midterm))
    festival = _item({**base, "id": "rq-4", "subject": "برگزاری جشن شب یلدا در خیابان"}, [])
    assert not festival.aligned


def test_goals_come_through_a_duty_only_when_the_record_fits_it() -> None:
    """A report for the coordinator is aligned by the reporting rule; its closest duty (fibre) is not
    one it fits, so the goal linked to that duty is not served; fibre work itself serves it."""
    plan = [{"id": "pl", "goals": [{"id": "go-fibre", "titleFa": "شهر هوشمند", "dutyIds": ["du-tel"]}]}]
    report = {"id": "rq-r", "senderId": "ag-co", "receiverId": "ag-tel", "status": "done", "subject": "گزارش عملکرد سه‌ماهه"}
    work = {**PAY, "id": "ex-w", "kind": "service", "amountRials": None, "titleFa": "اجرای شبکه فیبر نوری تا منازل شهرک غرب"}
    result = analyse_alignment(snapshot_of({"agencies": AGENCIES, "duties": DUTIES, "requests": [report], "exchanges": [work]}),
                               AlignmentParams(), plan)  # fmt: skip
    items = {i.id: i for i in result.items}
    assert items["rq-r"].aligned and items["rq-r"].rule == "reporting" and items["rq-r"].goals == []
    assert items["ex-w"].aligned and items["ex-w"].goals == ["go-fibre"]


def _exchange(ident: str, title: str) -> dict[str, Any]:
    return {"id": ident, "kind": "service", "providerId": "ag-tel", "receiverId": "ag-civil", "date": "1404/04/01",
            "titleFa": title}  # fmt: skip


def test_a_stock_phrase_about_another_object_is_not_the_providers_work() -> None:
    """«توسعه و نگهداری شبکه» of a park's irrigation network shares words with the fibre duty, and
    nothing it works on: the same phrase about fibre still fits."""
    irrigation = _item(_exchange("ex-irrigation", "توسعه و نگهداری شبکه آبیاری قطره‌ای بوستان ملت"), [])
    assert not irrigation.aligned and irrigation.rule == "none", irrigation
    fibre = _item(_exchange("ex-fibre", "توسعه و نگهداری شبکه فیبر نوری بلوار سجاد"), [])
    assert fibre.aligned and fibre.rule == "resembles" and fibre.duty_id == "du-tel", fibre


def test_a_street_shared_is_not_the_same_work_when_both_name_what_they_work_on() -> None:
    from service.analysis import meaning

    shop_signs = "نصب و نگهداری تابلوهای تبلیغاتی سردر مغازه‌های خیابان امام رضا"
    found = meaning.concepts_of(shop_signs)
    assert "obj.billboard" in found and "obj.traffic_sign" not in found, found  # a bare «تابلو» is no traffic sign
    assert "obj.traffic_sign" in meaning.concepts_of("نصب تابلوهای راهنمایی و رانندگی در خیابان امام رضا")
    traffic = {"id": "ag-traffic", "code": "TRF", "nameFa": "سازمان حمل و نقل و ترافیک", "kind": "municipal_organisation",
               "level": "headquarters"}  # fmt: skip
    signals = {"id": "du-signals", "agencyId": "ag-traffic", "functionCode": "04.5",
               "titleFa": "نصب و نگهداری چراغ‌های راهنمایی و علائم ترافیکی",
               "descriptionFa": "نصب، تعمیر و نگهداری چراغ‌ها و علائم ترافیکی معابر شهر."}  # fmt: skip
    record = {"id": "ex-signs", "kind": "service", "providerId": "ag-traffic", "receiverId": "ag-civil",
              "date": "1404/04/01", "titleFa": shop_signs}  # fmt: skip
    bundle = {"agencies": [*AGENCIES, traffic], "duties": [signals], "exchanges": [record]}
    item = analyse_alignment(snapshot_of(bundle), AlignmentParams(), []).items[0]
    assert not item.aligned and item.rule == "none", item


def test_a_payment_settling_its_own_issue_under_another_agencys_duty_says_both() -> None:
    """The declared link is refused and the issue settled: the record named the issue where the code looked
    up the declared duty, and the whole alignment analysis failed with a KeyError."""
    item = _item({**PAY, "dutyId": "du-co"}, [ISSUE])
    assert item.aligned and item.rule == "own_issue", item
    assert item.declared_verified is False and item.why.startswith("declared duty du-co not verified (another agency's duty)")
