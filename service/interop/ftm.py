"""FollowTheMoney entities (the model of OCCRP Aleph and OpenSanctions), as JSON lines.

Built and checked with the ``followthemoney`` package itself, so a file loads into Aleph
(``alephclient write-entities``) as it is. What FtM carries and how:

- agency → PublicBody (public kinds) or Organization: name = nameFa, alias = nameEn,
  registrationNumber = code, idNumber = registry id, classification = kind, sector = level,
  parent, phone (E.164, as FtM keeps only that), email, address, country ir;
- working group → Organization (classification ``working_group``), description = mandateFa,
  summary = mandateEn; each member → Membership (member, organization, role);
- financial exchange → Payment: payer, beneficiary, amount, currency IRR, purpose = titleFa,
  summary = titleEn, description = descriptionFa, date, recordId = registry id, contract;
- contractRef → Contract (title, authority = the payers, amount = their sum, IRR).
Not carried: duties, capacities, needs, issues, requests, non-financial exchanges, an exchange's
status and duty, a group's duties, bookkeeping fields. FtM's text cleaning deletes ZWNJ (U+200C),
so Persian text comes back with half-spaces removed (the same search key in this registry).
Ids are ``make_id("hamahang", <kind>, <registry id>)``: stable across exports.

``followthemoney`` is an optional extra (``pip install 'hamahang[ftm]'``, which ``make test``
installs): it pulls in PyICU, which has no wheels and took most of a fresh ``make run`` to compile,
and its import alone took 0.7-1.3 s of the service's start. It is imported on the first FtM
export or import; without it those answer ``FTM_UNAVAILABLE`` (501) in Persian and English.
"""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from service.domain.enums import AgencyKind
from service.errors import ServiceError
from service.interop.loader import Bundle, Row
from service.io import safejson

if TYPE_CHECKING:
    from followthemoney.proxy import EntityProxy

PREFIX = "hamahang"
PRIVATE_KINDS = {AgencyKind.KNOWLEDGE_BASED_FIRM.value, AgencyKind.NGO.value, AgencyKind.STAKEHOLDER_GROUP.value}
WORKING_GROUP = "working_group"


@cache
def _ftm() -> tuple[Any, type[Exception]]:
    """FtM's model and its ``InvalidData``, imported on first use (the ``ftm`` extra)."""
    try:
        from followthemoney import model
        from followthemoney.exc import InvalidData
    except ImportError as exc:
        raise ServiceError(
            "FTM_UNAVAILABLE",
            "FollowTheMoney export and import need the optional package: pip install 'hamahang[ftm]'",
            "برون‌بری و درون‌ریزی FollowTheMoney به بستهٔ اختیاری آن نیاز دارد: pip install 'hamahang[ftm]'",
            status=501,
        ) from exc
    return model, InvalidData


def ftm_id(kind: str, *parts: str) -> str:
    model, _ = _ftm()
    return str(model.make_entity("Thing").make_id(PREFIX, kind, *parts))


def _entity(schema: str, ident: str, **props: Any) -> EntityProxy:
    model, _ = _ftm()
    entity: EntityProxy = model.make_entity(schema)
    entity.id = ident
    for prop, value in props.items():
        if value is not None and value != []:
            entity.add(prop, value, format="IR" if prop == "phone" else None)
    return entity


def _agency(a: Row, known: set[str]) -> EntityProxy:
    schema = "Organization" if a.get("kind") in PRIVATE_KINDS else "PublicBody"
    parent = ftm_id("agency", a["parentId"]) if a.get("parentId") in known else None
    return _entity(schema, ftm_id("agency", a["id"]), name=a["nameFa"], alias=a.get("nameEn"),
                   registrationNumber=a["code"], idNumber=a["id"], classification=a["kind"], sector=a["level"],
                   parent=parent, country="ir", phone=a.get("contactPhone"), email=a.get("contactEmail"),
                   address=a.get("contactAddress"))  # fmt: skip


def bundle_to_entities(bundle: Bundle) -> list[EntityProxy]:
    """Agencies, working groups, memberships, contracts and payments, in that order."""
    agencies = {a["id"] for a in bundle.get("agencies", [])}
    out = [_agency(a, agencies) for a in bundle.get("agencies", [])]
    for w in bundle.get("workingGroups", []):
        group = ftm_id("wg", w["id"])
        out.append(_entity("Organization", group, name=w["nameFa"], alias=w.get("nameEn"), idNumber=w["id"],
                           classification=WORKING_GROUP, description=w.get("mandateFa"), summary=w.get("mandateEn")))  # fmt: skip
        for m in w.get("members") or []:
            if m["agencyId"] in agencies:
                out.append(_entity("Membership", ftm_id("membership", w["id"], m["agencyId"]),
                                   member=ftm_id("agency", m["agencyId"]), organization=group, role=m["role"]))  # fmt: skip
    payments = [x for x in bundle.get("exchanges", []) if x.get("kind") == "financial"
                and x["providerId"] in agencies and x["receiverId"] in agencies]  # fmt: skip
    contracts: dict[str, list[Row]] = defaultdict(list)
    for x in payments:
        if x.get("contractRef"):
            contracts[x["contractRef"]].append(x)
    for ref, rows in sorted(contracts.items()):
        out.append(_entity("Contract", ftm_id("contract", ref), title=ref, currency="IRR",
                           authority=sorted({ftm_id("agency", x["providerId"]) for x in rows}),
                           amount=sum(x.get("amountRials") or 0 for x in rows)))  # fmt: skip
    for x in payments:
        out.append(_entity("Payment", ftm_id("exchange", x["id"]), payer=ftm_id("agency", x["providerId"]),
                           beneficiary=ftm_id("agency", x["receiverId"]), amount=x.get("amountRials"),
                           currency="IRR", purpose=x["titleFa"], summary=x.get("titleEn"), date=x["date"],
                           description=x.get("descriptionFa"), recordId=x["id"],
                           contract=ftm_id("contract", x["contractRef"]) if x.get("contractRef") else None))  # fmt: skip
    return out


def validate_entities(entities: list[dict[str, Any]]) -> list[str]:
    """FtM's own checks: every entity parses and re-cleans to itself, has its schema's required
    properties and valid values, and every entity it points at is in the same file."""
    model, InvalidData = _ftm()
    problems: list[str] = []
    ids = {e.get("id") for e in entities}
    for n, data in enumerate(entities, 1):
        try:
            proxy = model.get_proxy(data, cleaned=False)
            proxy.schema.validate(data)  # a plain entity dict is what it reads
        except InvalidData as exc:
            problems.append(f"entity {n}: {exc}")
            continue
        if proxy.to_dict()["properties"] != data.get("properties"):
            problems.append(f"entity {n} ({proxy.id}): values change when FtM cleans them")
        missing = [p for p in proxy.schema.required if not proxy.get(p)]
        if missing:
            problems.append(f"entity {n} ({proxy.id}): missing {', '.join(missing)}")
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity" and value not in ids:
                problems.append(f"entity {n} ({proxy.id}): {prop.name} points at {value} outside the file")
    return problems


def to_ftm(bundle: Bundle) -> str:
    """JSON lines, one entity each, checked by ``validate_entities`` before they leave."""
    entities = [e.to_dict() for e in bundle_to_entities(bundle)]
    problems = validate_entities(entities)
    if problems:
        raise ValueError("FtM export failed its own validation: " + "; ".join(problems[:5]))
    return "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entities)


def parse_lines(text: str) -> list[dict[str, Any]]:
    """JSON lines, or one JSON array of entities; each entity a JSON object (``ValueError`` naming the
    first that is not, and for nesting too deep, NaN or broken JSON: see ``service.io.safejson``)."""
    stripped = text.strip()
    entities: list[Any] | None = None
    if stripped.startswith("["):
        try:
            whole = safejson.loads(stripped)
            entities = whole if isinstance(whole, list) else None
        except safejson.JsonRefused as exc:
            if not exc.syntax:
                raise
    if entities is None:  # JSON lines (one of them may be an array: refused below)
        entities = [safejson.loads(line) for line in stripped.splitlines() if line.strip()]
    for n, entity in enumerate(entities, 1):
        if not isinstance(entity, dict):
            raise TypeError(f"entity {n} is a {type(entity).__name__}, not a JSON object with id, schema and properties")
    return entities


def _first(proxy: EntityProxy, prop: str) -> str | None:
    values = proxy.get(prop, quiet=True)
    return values[0] if values else None


def _own_id(proxy: EntityProxy, prefix: str) -> str:
    """The registry id an entity came from, or a stable one made from its FtM id."""
    return _first(proxy, "idNumber" if prefix != "ex" else "recordId") or f"{prefix}-ftm-{str(proxy.id)[:16]}"


def _agency_row(p: EntityProxy, ids: dict[str, str]) -> Row:
    kind = _first(p, "classification")
    if kind not in {k.value for k in AgencyKind}:
        kind = "government_agency" if p.schema.is_a("PublicBody") else "ngo"
    level = _first(p, "sector")
    row = {"id": ids[str(p.id)], "code": _first(p, "registrationNumber") or str(p.id)[:12],
           "nameFa": _first(p, "name"), "nameEn": _first(p, "alias"), "kind": kind,
           "level": level if level in ("headquarters", "organisation", "district", "external") else "external",
           "parentId": ids.get(_first(p, "parent") or ""), "contactPhone": _first(p, "phone"),
           "contactEmail": _first(p, "email"), "contactAddress": _first(p, "address")}  # fmt: skip
    return {k: v for k, v in row.items() if v is not None}


def _payment_row(p: EntityProxy, ids: dict[str, str], contracts: dict[str, str]) -> Row:
    amount = _first(p, "amount")
    row = {"id": _own_id(p, "ex"), "kind": "financial", "providerId": ids.get(_first(p, "payer") or ""),
           "receiverId": ids.get(_first(p, "beneficiary") or ""),
           "titleFa": _first(p, "purpose") or _first(p, "summary") or "پرداخت",
           "titleEn": _first(p, "summary"), "descriptionFa": _first(p, "description"),
           "amountRials": int(Decimal(amount)) if amount else None, "date": _first(p, "date") or _first(p, "startDate"),
           "contractRef": contracts.get(_first(p, "contract") or "")}  # fmt: skip
    return {k: v for k, v in row.items() if v is not None}


def entities_to_bundle(entities: list[dict[str, Any]]) -> tuple[Bundle, list[str]]:
    """The registry records FtM carries, back from entities (ours or any FtM source)."""
    model, InvalidData = _ftm()
    problems: list[str] = []
    proxies: list[EntityProxy] = []
    for n, data in enumerate(entities, 1):
        try:
            proxies.append(model.get_proxy(data, cleaned=False))
        except (InvalidData, KeyError, TypeError) as exc:
            problems.append(f"entity {n}: not a FollowTheMoney entity ({exc})")
    orgs = [p for p in proxies if p.schema.is_a("Organization")]
    groups = {str(p.id) for p in orgs if _first(p, "classification") == WORKING_GROUP}
    ids = {str(p.id): _own_id(p, "wg" if str(p.id) in groups else "ag") for p in orgs}
    contracts = {str(p.id): _first(p, "title") or "" for p in proxies if p.schema.name == "Contract"}
    bundle: Bundle = {"agencies": [], "workingGroups": [], "exchanges": []}
    members: dict[str, list[Row]] = defaultdict(list)
    group_rows: dict[str, Row] = {}
    for p in proxies:
        if p.schema.name == "Membership" and _first(p, "organization") in groups:
            members[_first(p, "organization") or ""].append(
                {"agencyId": ids.get(_first(p, "member") or "", ""), "role": _first(p, "role") or "member"})
        elif p.schema.name == "Payment":
            if (_first(p, "currency") or "IRR").upper() != "IRR":
                problems.append(f"payment {p.id}: only amounts in IRR (rials) can be imported")
            bundle["exchanges"].append(_payment_row(p, ids, contracts))
        elif str(p.id) in groups:
            row = {"id": ids[str(p.id)], "nameFa": _first(p, "name"), "nameEn": _first(p, "alias"),
                   "mandateFa": _first(p, "description"), "mandateEn": _first(p, "summary")}  # fmt: skip
            group_rows[str(p.id)] = {k: v for k, v in row.items() if v is not None}
        elif p.schema.is_a("Organization"):
            bundle["agencies"].append(_agency_row(p, ids))
        elif p.schema.name != "Contract":
            problems.append(f"entity {p.id}: the registry has no place for a {p.schema.name}")
    for group, w in group_rows.items():
        w["members"] = sorted(members.get(group, []), key=lambda m: m["agencyId"])
        bundle["workingGroups"].append(w)
    return bundle, problems
