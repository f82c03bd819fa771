"""An agency's service catalogue, in the spirit of X-Road's: what it offers others, as plain JSON.

Another system lists an agency's offers without learning the registry's model. Shape
(``format`` names it, so a consumer can check it reads the right thing)::

    {"format": "hamahang-catalogue/1",
     "provider": {"id", "code", "nameFa", "nameEn", "kind", "level", "parentId", "contact": {...}},
     "services": [{"serviceCode", "type": "capacity", "kind", "titleFa", "titleEn", "descriptionFa",
                   "descriptionEn", "quantity", "unit", "location", "availableFrom", "availableTo",
                   "availableFromJalali", "availableToJalali", "costRials"}],
     "duties":   [{"serviceCode", "type": "duty", "role": "lead"|"support", "functionCode",
                   "functionFa", "functionEn", "titleFa", "titleEn", "descriptionFa", "descriptionEn",
                   "beneficiaries", "geography", "legalBasis"}]}

``services`` are its live capacities (kind ``service`` among them); ``duties`` the live duties it
leads or supports: the public functions it serves others with. Absent values are left out.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from service.data.taxonomy import function_name
from service.interop.loader import Bundle, Row
from service.text.jalali import to_jalali

FORMAT = "hamahang-catalogue/1"
CAPACITY_FIELDS = ("kind", "titleFa", "titleEn", "descriptionFa", "descriptionEn", "quantity", "unit", "location",
                   "availableFrom", "availableTo", "costRials")  # fmt: skip
DUTY_FIELDS = ("functionCode", "titleFa", "titleEn", "descriptionFa", "descriptionEn", "beneficiaries", "geography",
               "legalBasis")  # fmt: skip


def _present(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if v is not None and v != []}


def _provider(a: Row) -> dict[str, Any]:
    contact = _present({"phone": a.get("contactPhone"), "email": a.get("contactEmail"),
                        "address": a.get("contactAddress")})  # fmt: skip
    fields = ("id", "code", "nameFa", "nameEn", "kind", "level", "parentId")
    return _present({**{k: a.get(k) for k in fields}, "contact": contact or None})


def _capacity(c: Row) -> dict[str, Any]:
    entry = {"serviceCode": c["id"], "type": "capacity", **{k: c.get(k) for k in CAPACITY_FIELDS}}
    entry["availableFromJalali"] = to_jalali(c.get("availableFrom"))
    entry["availableToJalali"] = to_jalali(c.get("availableTo"))
    return _present(entry)


def _duty(d: Row, agency_id: str) -> dict[str, Any]:
    role = "lead" if d.get("agencyId") == agency_id else "support"
    code = d.get("functionCode")
    return _present({"serviceCode": d["id"], "type": "duty", "role": role, **{k: d.get(k) for k in DUTY_FIELDS},
                     "functionFa": function_name(code, "fa"), "functionEn": function_name(code, "en")})  # fmt: skip


def agency_catalogue(bundle: Bundle, agency_id: str) -> dict[str, Any] | None:
    """The catalogue of one agency (archived records left out), or None when it is not there."""
    agency = next((a for a in bundle.get("agencies", []) if a["id"] == agency_id and not a.get("archived")), None)
    if agency is None:
        return None
    live = lambda section: [r for r in bundle.get(section, []) if not r.get("archived")]  # noqa: E731
    services = [_capacity(c) for c in live("capacities") if c.get("agencyId") == agency_id]
    duties = [_duty(d, agency_id) for d in live("duties")
              if d.get("agencyId") == agency_id or agency_id in (d.get("supportAgencyIds") or [])]  # fmt: skip
    return {"format": FORMAT, "provider": _provider(agency), "services": services, "duties": duties}


def catalogue_index(bundle: Bundle) -> dict[str, Any]:
    """Every live agency with how many services and duties its catalogue lists (one pass)."""
    services: Counter[str] = Counter()
    duties: Counter[str] = Counter()
    for c in bundle.get("capacities", []):
        if not c.get("archived"):
            services[c.get("agencyId") or ""] += 1
    for d in bundle.get("duties", []):
        if not d.get("archived"):
            duties.update({d.get("agencyId") or "", *(d.get("supportAgencyIds") or [])})
    entries = [_present({"id": a["id"], "code": a["code"], "nameFa": a["nameFa"], "nameEn": a.get("nameEn"),
                         "services": services[a["id"]], "duties": duties[a["id"]],
                         "href": f"/interop/catalogue/{a['id']}.json"})
               for a in bundle.get("agencies", []) if not a.get("archived")]  # fmt: skip
    return {"format": FORMAT, "agencies": entries}
