"""Popolo (popoloproject.com) JSON: agencies and working groups as organizations, posts, memberships.

Parliamentary-monitoring and civic tools read Popolo. Organizations carry both names as
``other_names`` with ``lang`` (the EveryPolitician convention, since Popolo has no language
field), ``classification`` (agency kind or ``working_group``), ``parent_id`` (the agency tree), ``area_id`` (its geography code),
identifiers and contact details. Each role in a working group (lead, member, supervisor, secretariat,
facilitator, observer) is a post; each member agency holds one through a membership whose ``member``
is an organization. A group under another has it as ``parent_id``; the city plan it serves is an
identifier (scheme ``hamahang-city-plan``). Its meetings are Popolo events (classification
``meeting``, ``organization_id`` the group, ``attendees`` the agencies present as organizations).
``popolo.schema.json`` beside this module is the subset of the Popolo schemas we write, with
their field names and types, stricter where we can be (no unknown fields).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from service.interop.loader import Bundle, Row

if TYPE_CHECKING:
    from jsonschema import Draft7Validator

ROLES = {"lead": ("رئیس", "Lead"), "member": ("عضو", "Member"), "supervisor": ("ناظر", "Supervisor"),
         "secretariat": ("دبیرخانه", "Secretariat"), "facilitator": ("تسهیل‌گر", "Facilitator"), "observer": ("مشاهده‌گر", "Observer")}
CONTACTS = (("voice", "contactPhone"), ("email", "contactEmail"), ("address", "contactAddress"))


def _names(row: Row) -> list[dict[str, str]]:
    names = [{"lang": "fa", "name": row["nameFa"], "note": "multilingual"}]
    if row.get("nameEn"):
        names.append({"lang": "en", "name": row["nameEn"], "note": "multilingual"})
    return names


def _agency(a: Row) -> dict[str, Any]:
    org: dict[str, Any] = {
        "id": a["id"], "name": a["nameFa"], "other_names": _names(a), "classification": a["kind"],
        "identifiers": [{"scheme": "hamahang", "identifier": a["id"]},
                        {"scheme": "hamahang-code", "identifier": a["code"]}],
    }  # fmt: skip
    if a.get("parentId"):
        org["parent_id"] = a["parentId"]
    if a.get("geographyCode"):  # Popolo's area: the code in the analyses' geography (city, D8, samen, province)
        org["area_id"] = a["geographyCode"]
    contacts = [{"type": t, "value": a[f]} for t, f in CONTACTS if a.get(f)]
    if contacts:
        org["contact_details"] = contacts
    return org


def _group(w: Row) -> dict[str, Any]:
    org: dict[str, Any] = {"id": w["id"], "name": w["nameFa"], "other_names": _names(w),
                           "classification": "working_group",
                           "identifiers": [{"scheme": "hamahang", "identifier": w["id"]}]}  # fmt: skip
    if w.get("mandateFa"):
        org["description"] = w["mandateFa"]
    if w.get("parentGroupId"):
        org["parent_id"] = w["parentGroupId"]
    if w.get("planId"):
        org["identifiers"].append({"scheme": "hamahang-city-plan", "identifier": w["planId"]})
    return org


def _event(m: Row, orgs: set[str]) -> dict[str, Any]:
    """A meeting as a Popolo event: its agenda as the name, its minutes as the description."""
    event: dict[str, Any] = {"id": m["id"], "name": m["agendaFa"], "classification": "meeting", "start_date": m["date"],
                             "organization_id": m["groupId"], "identifiers": [{"scheme": "hamahang", "identifier": m["id"]}],
                             "attendees": [{"@type": "Organization", "id": a} for a in m.get("presentIds") or [] if a in orgs]}  # fmt: skip
    if m.get("minutesFa"):
        event["description"] = m["minutesFa"]
    return event


def bundle_to_popolo(bundle: Bundle) -> dict[str, Any]:
    """Organizations (agencies, then working groups), posts and memberships; parents outside the
    bundle are dropped so every reference resolves."""
    agencies = {a["id"] for a in bundle.get("agencies", [])}
    organizations = [_agency(a) for a in bundle.get("agencies", [])]
    for org in organizations:
        if org.get("parent_id") not in agencies:
            org.pop("parent_id", None)
    posts: list[dict[str, Any]] = []
    memberships: list[dict[str, Any]] = []
    for w in bundle.get("workingGroups", []):
        organizations.append(_group(w))
        members = [m for m in w.get("members") or [] if m["agencyId"] in agencies]
        for role in sorted({m["role"] for m in members}):
            fa, en = ROLES.get(role, (role, role.title()))
            english = f"{en}, {w.get('nameEn') or w['nameFa']}"
            posts.append({"id": f"{w['id']}/{role}", "organization_id": w["id"], "role": role,
                          "label": f"{fa} {w['nameFa']}", "other_label": [{"label": english, "lang": "en"}]})  # fmt: skip
        for m in members:
            memberships.append({"id": f"{w['id']}/{m['agencyId']}", "organization_id": w["id"],
                                "post_id": f"{w['id']}/{m['role']}", "role": m["role"],
                                "member": {"@type": "Organization", "id": m["agencyId"]}})  # fmt: skip
    ids = {o["id"] for o in organizations}
    for org in organizations:
        if org.get("classification") == "working_group" and org.get("parent_id") not in ids:
            org.pop("parent_id", None)
    events = [_event(m, ids) for m in bundle.get("wgMeetings", []) if m.get("groupId") in ids]
    return {"persons": [], "organizations": organizations, "posts": posts, "memberships": memberships, "events": events}


@cache
def popolo_validator() -> Draft7Validator:
    from jsonschema import Draft7Validator  # here: jsonschema is 0.09 s of start-up (service/interop/ocds.py)

    schema = json.loads(resources.files("service.interop").joinpath("popolo.schema.json").read_text(encoding="utf-8"))
    return Draft7Validator(schema)


def popolo_errors(document: dict[str, Any]) -> list[str]:
    """Schema errors plus references that do not resolve (parent, organization, post, member)."""
    found = popolo_validator().iter_errors(document)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}" for e in found]
    orgs = {o.get("id") for o in document.get("organizations", [])}
    posts = {p.get("id") for p in document.get("posts", [])}
    for o in document.get("organizations", []):
        if "parent_id" in o and o["parent_id"] not in orgs:
            errors.append(f"organization {o['id']}: parent {o['parent_id']} is not in the file")
    for item in [*document.get("posts", []), *document.get("memberships", [])]:
        if item.get("organization_id") not in orgs:
            errors.append(f"{item.get('id')}: organization {item.get('organization_id')} is not in the file")
    for m in document.get("memberships", []):
        if m.get("post_id") not in posts or (m.get("member") or {}).get("id") not in orgs:
            errors.append(f"membership {m.get('id')}: post or member is not in the file")
    for e in document.get("events", []):
        if e.get("organization_id") not in orgs or any(a.get("id") not in orgs for a in e.get("attendees", [])):
            errors.append(f"event {e.get('id')}: organization or attendee is not in the file")
    return errors


def to_popolo(bundle: Bundle) -> str:
    return json.dumps(bundle_to_popolo(bundle), ensure_ascii=False, indent=1)
