"""Open Contracting (OCDS 1.1): financial exchanges under a contract, as a release package.

One release per contract (an exchange's ``contractRef``): the agencies as parties (the paying
provider ``buyer``/``payer``, the receiver ``supplier``/``payee``), one award and one contract whose
``implementation.transactions`` are the completed and in-progress payments; planned payments are
financing milestones (``scheduled``), cancelled ones ``notMet``. Amounts in IRR, dates ISO.
Financial exchanges without a contract are not contracting processes and are left out.

Every release is checked against the OCDS 1.1.5 release schema shipped beside this module
(``ocds-release-schema-1.1.5.json``, Apache-2.0, Open Contracting Partnership; copied from the
``ocdsextensionregistry`` 0.7.0 sdist, tests/fixtures/release-schema.json, with the
``{{version}}``/``{{lang}}`` placeholders of its descriptions set to 1.1/en as published),
because no installable package ships the schema and the machines cannot fetch it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from service.interop.loader import Bundle, Row

if TYPE_CHECKING:  # jsonschema (and referencing, attrs) cost 0.09 s of start-up: imported when first validating
    from jsonschema import Draft4Validator

SCHEMA_FILE = "ocds-release-schema-1.1.5.json"
OCID_PREFIX = "ocds-hamahang"  # replace with the publisher's registered prefix before publishing
SCHEME = "X-HAMAHANG"  # the registry's own agency ids (no org-id.guide list covers them)
PAID = ("completed", "in_progress")


@cache
def release_validator() -> Draft4Validator:
    """The schema is immutable data: compile it once."""
    from jsonschema import Draft4Validator, FormatChecker

    schema = json.loads(resources.files("service.interop").joinpath(SCHEMA_FILE).read_text(encoding="utf-8"))
    formats = FormatChecker()
    formats.checks("date-time", raises=ValueError)(_date_time)
    return Draft4Validator(schema, format_checker=formats)


def _date_time(value: object) -> bool:
    """RFC 3339 date-time (jsonschema checks it only with an extra package, so check it here)."""
    if not isinstance(value, str):
        return True
    parsed = dt.datetime.fromisoformat(value)
    return "T" in value and parsed.tzinfo is not None


def release_errors(release: dict[str, Any]) -> list[str]:
    """Every way a release breaks the OCDS release schema ('' path = the release itself)."""
    errors = release_validator().iter_errors(release)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}" for e in errors]


def _when(iso_date: str) -> str:
    return f"{iso_date[:10]}T00:00:00Z"


def _ref(agency: Row) -> dict[str, str]:
    return {"id": agency["id"], "name": agency["nameFa"]}


def _party(agency: Row, roles: set[str]) -> dict[str, Any]:
    identifier = {"scheme": SCHEME, "id": agency["id"], "legalName": agency["nameFa"]}
    party: dict[str, Any] = {**_ref(agency), "identifier": identifier, "roles": sorted(roles)}
    if agency.get("nameEn"):
        party["name_en"] = agency["nameEn"]
    contact = {k: agency[f] for k, f in (("email", "contactEmail"), ("telephone", "contactPhone")) if agency.get(f)}
    if contact:
        party["contactPoint"] = contact
    if agency.get("contactAddress"):
        party["address"] = {"streetAddress": agency["contactAddress"], "countryName": "Iran"}
    return party


def _status(rows: list[Row]) -> str:
    states = {r.get("status", "planned") for r in rows} - {"cancelled"}
    if not states:
        return "cancelled"
    if states == {"completed"}:
        return "terminated"
    return "active" if states & set(PAID) else "pending"


def _release(ref: str, rows: list[Row], agencies: dict[str, Row], prefix: str) -> dict[str, Any]:
    ocid = f"{prefix}-{ref.replace(' ', '-')}"
    roles: dict[str, set[str]] = defaultdict(set)
    for x in rows:
        roles[x["providerId"]] |= {"buyer", "payer"}
        roles[x["receiverId"]] |= {"supplier", "payee"}
    live = [x for x in rows if x.get("status") != "cancelled"]
    value = {"amount": sum(x["amountRials"] for x in live), "currency": "IRR"}
    transactions = [{"id": x["id"], "date": _when(x["date"]), "value": {"amount": x["amountRials"], "currency": "IRR"},
                     "payer": _ref(agencies[x["providerId"]]), "payee": _ref(agencies[x["receiverId"]])}
                    for x in rows if x.get("status") in PAID]  # fmt: skip
    milestones = [{"id": x["id"], "title": x["titleFa"], "type": "financing", "dueDate": _when(x["date"]),
                   "status": "notMet" if x.get("status") == "cancelled" else "scheduled",
                   **({"description": x["descriptionFa"]} if x.get("descriptionFa") else {})}
                  for x in rows if x.get("status") not in PAID]  # fmt: skip
    dates = sorted(x["date"] for x in rows)
    recorded = max(x.get("updatedAt") or _when(x["date"]) for x in rows)
    payers = sorted({x["providerId"] for x in rows})
    release: dict[str, Any] = {
        "ocid": ocid, "id": f"{ocid}-{recorded[:10]}", "date": recorded, "language": "fa", "initiationType": "tender",
        "tag": ["implementation"] if transactions else ["contract"],
        "parties": [_party(agencies[a], r) for a, r in sorted(roles.items())],
        "awards": [{"id": f"{ref}-award", "title": ref, "status": "active", "value": value,
                    "suppliers": [_ref(agencies[a]) for a in sorted({x["receiverId"] for x in rows})]}],
        "contracts": [{"id": ref, "awardID": f"{ref}-award", "title": ref, "status": _status(rows), "value": value,
                       "period": {"startDate": _when(dates[0]), "endDate": _when(dates[-1])},
                       "implementation": {"transactions": transactions, "milestones": milestones}}],
    }  # fmt: skip
    if len(payers) == 1:
        release["buyer"] = _ref(agencies[payers[0]])
    return release


def bundle_to_package(bundle: Bundle, *, uri: str = "urn:hamahang:ocds", prefix: str = OCID_PREFIX,
                      published: str | None = None) -> dict[str, Any]:  # fmt: skip
    """A release package of every contract that financial exchanges in the bundle are tied to."""
    agencies = {a["id"]: a for a in bundle.get("agencies", [])}
    contracts: dict[str, list[Row]] = defaultdict(list)
    for x in bundle.get("exchanges", []):
        paid_between_known = {x["providerId"], x["receiverId"]} <= agencies.keys()
        if x.get("kind") == "financial" and x.get("contractRef") and paid_between_known:
            contracts[x["contractRef"]].append(x)
    releases = [_release(ref, sorted(rows, key=lambda r: (r["date"], r["id"])), agencies, prefix)
                for ref, rows in sorted(contracts.items())]  # fmt: skip
    now = published or dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return {"uri": uri, "version": "1.1", "publishedDate": now,
            "publisher": {"name": "Hamahang inter-agency coordination registry"}, "releases": releases}  # fmt: skip


def to_ocds(bundle: Bundle, **options: Any) -> str:
    """The package as JSON; a release that fails the schema stops the export (a bug, not data)."""
    package = bundle_to_package(bundle, **options)
    for release in package["releases"]:
        errors = release_errors(release)
        if errors:
            raise ValueError(f"OCDS release {release['ocid']} fails the schema: {errors[:3]}")
    return json.dumps(package, ensure_ascii=False, indent=1)
