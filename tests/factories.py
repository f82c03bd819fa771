"""Small registries built in code, so tests do not lean on the demo's exact contents."""

from __future__ import annotations

from typing import Any


def agency(ident: str, code: str, name_fa: str, kind: str = "municipal_organisation", level: str = "organisation",
           parent: str | None = None) -> dict[str, Any]:  # fmt: skip
    row = {"id": ident, "code": code, "nameFa": name_fa, "nameEn": code, "kind": kind, "level": level}
    if parent:
        row["parentId"] = parent
    return row


def small_bundle() -> dict[str, list[dict[str, Any]]]:
    """Three agencies with one of each entity between them, dates in Jalali."""
    return {
        "agencies": [
            agency("ag-city", "MSH", "شهرداری مشهد", kind="municipal_deputy", level="headquarters"),
            agency("ag-parks", "PARK", "سازمان پارک‌ها و فضای سبز", parent="ag-city"),
            agency("ag-water", "ABFA", "شرکت آب و فاضلاب مشهد", kind="utility_company", level="external"),
        ],
        "duties": [
            {"id": "du-green", "agencyId": "ag-parks", "titleFa": "نگهداری فضای سبز شهری", "functionCode": "06.2",
             "beneficiaries": ["residents"], "geography": ["city"], "supportAgencyIds": ["ag-city"]},
            {"id": "du-sewer", "agencyId": "ag-water", "titleFa": "جمع‌آوری فاضلاب", "functionCode": "05.2"},
        ],
        "capacities": [
            {"id": "ca-water", "agencyId": "ag-water", "titleFa": "پساب تصفیه‌شده برای آبیاری", "kind": "infrastructure",
             "quantity": 500, "unit": "m3/day", "availableFrom": "1403/01/01", "availableTo": "1404/12/29", "costRials": 1000},
        ],
        "needs": [
            {"id": "ne-parks", "agencyId": "ag-parks", "titleFa": "آب برای آبیاری فضای سبز", "kind": "infrastructure",
             "quantity": 300, "unit": "m3/day", "neededFrom": "1403/03/01", "neededTo": "1403/09/01", "valueRials": 5000},
        ],
        "issues": [
            {"id": "is-dig", "raisedById": "ag-city", "concernsIds": ["ag-water"], "titleFa": "حفاری مکرر معابر",
             "category": "infrastructure_conflict", "severity": "high", "raisedOn": "1403/05/10", "blocksDutyId": "du-green"},
        ],
        "exchanges": [
            {"id": "ex-1", "kind": "financial", "providerId": "ag-city", "receiverId": "ag-parks", "titleFa": "بودجهٔ نگهداری",
             "amountRials": 2_000_000_000, "date": "1403/02/15", "status": "completed"},
            {"id": "ex-2", "kind": "infrastructure", "providerId": "ag-water", "receiverId": "ag-parks", "titleFa": "تحویل پساب",
             "date": "1402/11/01", "dutyId": "du-sewer"},
        ],
        "requests": [
            {"id": "rq-1", "senderId": "ag-parks", "receiverId": "ag-water", "aboutId": "ca-water", "subject": "درخواست پساب",
             "dueDate": "1403/04/01", "filedOn": "1403/03/01",
             "history": [{"to": "acknowledged", "on": "1403/03/02", "by": "abfa"}]},
        ],
        "workingGroups": [
            {"id": "wg-water", "nameFa": "کارگروه شهر حساس به آب", "members": [
                {"agencyId": "ag-water", "role": "lead"}, {"agencyId": "ag-parks", "role": "member"}],
             "dutyIds": ["du-green"]},
        ],
    }  # fmt: skip
