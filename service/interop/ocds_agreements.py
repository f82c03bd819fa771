"""Open Contracting (OCDS 1.1) from agreements: one release per agreement, through the whole
contracting process (tender → award → contract → implementation).

The draft is the tender (its terms, its value); the last signature is the award and the contract
(``dateSigned``); orders and deliveries are the implementation's delivery milestones (met when
accepted, notMet when declined or disputed), payments confirmed by the payee are its transactions
and payments still awaiting confirmation are financing milestones. Parties: the receivers are the
buyer (and the payer), the providers the suppliers (and the payees); in a financial agreement the
money flows the other way, so the providers are the funders and payers. Every release is checked
against the OCDS 1.1.5 release schema, as ``service/interop/ocds.py`` checks its own.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import Any

from service.interop.ocds import OCID_PREFIX, _party, _ref, _when, release_errors

Row = dict[str, Any]
TENDER = {"draft": "active", "terminated": "cancelled"}  # an unsigned agreement's tender; signed ones' are complete
CONTRACT = {"draft": "pending", "signed": "pending", "active": "active", "completed": "active", "settled": "terminated"}
MILESTONE = {"accepted": "met", "declined": "notMet", "disputed": "notMet"}


def _money(amount: int | None) -> dict[str, Any]:
    return {"amount": amount or 0, "currency": "IRR"}


def _roles(agreement: Row) -> dict[str, set[str]]:
    financial = agreement["kind"] == "financial"
    roles: dict[str, set[str]] = defaultdict(set)
    for a in agreement["providerIds"]:
        roles[a] |= {"funder", "payer"} if financial else {"supplier", "payee"}
    for a in agreement["receiverIds"]:
        roles[a] |= {"buyer", "payee"} if financial else {"buyer", "payer"}
    return roles


def _milestones(steps: list[Row]) -> list[dict[str, Any]]:
    out = []
    for s in steps:
        if s["kind"] == "settlement" and s["status"] == "confirmed":
            continue  # a transaction
        kind = "financing" if s["kind"] == "settlement" else "delivery"
        m: dict[str, Any] = {"id": s["id"], "title": s.get("titleFa") or s["kind"], "type": kind,
                             "status": MILESTONE.get(s["status"], "scheduled"), "dateModified": s.get("answeredAt") or s["at"]}  # fmt: skip
        if s.get("dueDate") or s["kind"] == "order":
            m["dueDate"] = _when(s.get("dueDate") or s["on"])
        if m["status"] == "met":
            m["dateMet"] = _when(s.get("answeredOn") or s["on"])
        if s.get("reason"):
            m["description"] = s["reason"]
        if s.get("valueRials") is not None:
            m["value"] = _money(s["valueRials"])
        out.append(m)
    return out


def _transactions(agreement: Row, steps: list[Row], agencies: dict[str, Row]) -> list[dict[str, Any]]:
    out = []
    for s in steps:
        if s["kind"] != "settlement" or s["status"] != "confirmed":
            continue
        payer = s.get("byAgencyId") or _side(agreement, "payer")[0]
        payee = s.get("answeredByAgencyId") or _side(agreement, "payee")[0]
        out.append({"id": s["id"], "date": _when(s["on"]), "value": _money(s.get("valueRials")),
                    "payer": _ref(agencies[payer]), "payee": _ref(agencies[payee])})  # fmt: skip
    return out


def _side(agreement: Row, side: str) -> list[str]:
    from service.domain.agreement import Side, side_ids

    return side_ids(agreement, Side(side))


def agreement_release(agreement: Row, steps: list[Row], agencies: dict[str, Row], prefix: str = OCID_PREFIX) -> dict[str, Any]:
    """One agreement as one OCDS release, tagged with the stages it has reached."""
    ident, status = agreement["id"], agreement["status"]
    ocid = f"{prefix}-{ident}"
    signed = agreement.get("signedOn")
    value = _money(agreement.get("valueRials"))
    title = agreement["titleFa"]
    tender: dict[str, Any] = {"id": f"{ident}-tender", "title": title, "status": "complete" if signed else TENDER[status], "value": value,
                              "procuringEntity": _ref(agencies[agreement["receiverIds"][0]])}  # fmt: skip
    if agreement.get("termsFa"):
        tender["description"] = agreement["termsFa"]
    release: dict[str, Any] = {
        "ocid": ocid, "id": f"{ocid}-v{agreement['version']}", "date": agreement["updatedAt"], "language": "fa",
        "initiationType": "tender", "tag": ["tender"],
        "parties": [_party(agencies[a], r) for a, r in sorted(_roles(agreement).items())],
        "buyer": _ref(agencies[agreement["receiverIds"][0]]), "tender": tender,
    }  # fmt: skip
    if signed:  # concluded: awarded and contracted the day the last party signed
        award = {"id": f"{ident}-award", "title": title, "status": "active", "value": value, "date": _when(signed),
                 "suppliers": [_ref(agencies[a]) for a in agreement["providerIds"]]}  # fmt: skip
        contract: dict[str, Any] = {"id": ident, "awardID": award["id"], "title": title, "dateSigned": _when(signed),
                                    "status": CONTRACT.get(status, "terminated"), "value": value}  # fmt: skip
        if agreement.get("periodFrom") and agreement.get("periodTo"):
            contract["period"] = {"startDate": _when(agreement["periodFrom"]), "endDate": _when(agreement["periodTo"])}
        if agreement.get("contractRef"):
            contract["description"] = f"{agreement['contractRef']}"
        release["awards"], release["contracts"] = [award], [contract]
        release["tag"] = ["tender", "award", "contract"]
        if steps:
            contract["implementation"] = {"transactions": _transactions(agreement, steps, agencies), "milestones": _milestones(steps)}
            release["tag"].append("implementation")
    return release


def agreements_package(agreements: list[Row], steps: dict[str, list[Row]], agencies: dict[str, Row], *,
                       uri: str = "urn:hamahang:ocds:agreements", published: str | None = None) -> dict[str, Any]:  # fmt: skip
    releases = [agreement_release(a, steps.get(a["id"], []), agencies) for a in sorted(agreements, key=lambda r: r["id"])]
    now = published or dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return {"uri": uri, "version": "1.1", "publishedDate": now,
            "publisher": {"name": "Hamahang inter-agency coordination registry"}, "releases": releases}  # fmt: skip


def to_json(package: dict[str, Any]) -> str:
    """The package as JSON; a release that fails the schema stops the export (a bug, not data)."""
    for release in package["releases"]:
        errors = release_errors(release)
        if errors:
            raise ValueError(f"OCDS release {release['ocid']} fails the schema: {errors[:3]}")
    return json.dumps(package, ensure_ascii=False, indent=1)
