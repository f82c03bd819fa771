"""Stakeholders (ذی‌نفعان): groups or bodies a plan must hear, with power, interest and influence
scores, links to the issues they raised, the duties that serve them, the plans that affect them and
the working groups they take part in. Never agencies: no request is ever filed to one.

Who may do what (issue #19.3): the directorate and analysts write stakeholders, their links, the
engagement log and commitments (a stakeholder analysis is the planners' and analysts' work; this is
the one kind an analyst writes); an agency reads the stakeholders it is party to (the policy's
``partyIds``: its duties serve it, it is party to an issue it raised, or it owes it a commitment),
and writes only engagement entries on, and the keeping of, commitments it owes
(``service/registry/commitments.py``). Reads go through the Repository's View like every kind.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from service.auth.policy import forbidden
from service.domain import stakeholder as m
from service.domain.actor import Actor, Role
from service.errors import not_found
from service.registry.city_plans import load_plans
from service.registry.repository import Repository
from service.registry.specs import DUTY, ISSUE, WORKING_GROUP, EntitySpec
from service.storage.port import Row

STAKEHOLDER = EntitySpec(
    "stakeholder", "Stakeholder", "sh", m.StakeholderIn, m.StakeholderPatch,
    frozenset({"issueIds", "dutyIds", "planIds", "workingGroupIds"}),
    ("nameFa", "nameEn", "descriptionFa"),
    ("type", "viewerId"),
    ("created", "name", "power", "interest"),
)  # fmt: skip
LINKS = ("issueIds", "dutyIds", "planIds", "workingGroupIds")
WRITERS = (Role.DIRECTORATE, Role.ANALYST)


def require_stakeholder_write(actor: Actor | None) -> None:
    """Stakeholders, their links, engagement entries and commitments: the directorate and analysts."""
    if actor is not None and actor.role not in WRITERS:
        raise forbidden("only the directorate and analysts write stakeholders",
                        "ذی‌نفعان را فقط دبیرخانه و تحلیل‌گران ثبت می‌کنند")  # fmt: skip


async def check_links(repo: Repository, links: Mapping[str, Iterable[str] | None]) -> None:
    """NOT_FOUND, naming the field, for the first linked id that does not exist (or is not readable)."""
    for field, spec in (("issueIds", ISSUE), ("dutyIds", DUTY), ("workingGroupIds", WORKING_GROUP)):
        wanted = list(links.get(field) or [])
        found = await repo.get_many(spec, wanted) if wanted else {}
        missing = [i for i in wanted if i not in found]
        if missing:
            raise not_found(spec.label, missing[0], field)
    plans = list(links.get("planIds") or [])
    if plans:
        known = {p["id"] for p in await load_plans(repo.store)}
        missing = [p for p in plans if p not in known]
        if missing:
            raise not_found("CityPlan", missing[0], "planIds")


async def create_stakeholder(repo: Repository, data: m.StakeholderIn, idempotency_key: str | None = None) -> Row:
    require_stakeholder_write(repo.actor)
    await check_links(repo, data.model_dump())
    return await repo.create(STAKEHOLDER, data, idempotency_key=idempotency_key)


async def update_stakeholder(repo: Repository, ident: str, patch: m.StakeholderPatch, expected_version: int | None) -> Row:
    require_stakeholder_write(repo.actor)
    current = await repo.get(STAKEHOLDER, ident)
    changes = patch.model_dump(exclude_none=True)
    return await repo.update(STAKEHOLDER, ident, changes, expected_version, current)


async def archive_stakeholder(repo: Repository, ident: str, expected_version: int | None, archived: bool = True) -> Row:
    require_stakeholder_write(repo.actor)
    return await repo.archive(STAKEHOLDER, ident, expected_version, archived)


async def set_links(repo: Repository, ident: str, links: m.StakeholderLinks, expected_version: int | None) -> Row:
    """Replace the links of each kind given; every id must exist. Audited with the lists before and after."""
    require_stakeholder_write(repo.actor)
    current = await repo.get(STAKEHOLDER, ident)
    given = {k: sorted(set(v)) if v is not None else None for k, v in links.model_dump().items()}
    await check_links(repo, given)
    changed = {k: v for k, v in given.items() if v is not None}
    row = await repo.guarded_write(STAKEHOLDER, ident, "stakeholder/set_links", given, expected_version, current,
                                   action="set_links", audit_after=changed)  # fmt: skip
    if row is None:  # only the version guards it: guarded_write already named a version conflict
        raise not_found("Stakeholder", ident)
    return row


def beneficiary_codes(row: Mapping[str, Any]) -> list[str]:
    """The stakeholder's codes in the analyses' beneficiary vocabulary (its type's when none stored)."""
    return list(row.get("beneficiaries") or m.TYPE_BENEFICIARIES.get(str(row.get("type")), ()))


def serves(stakeholder: Mapping[str, Any], duty: Mapping[str, Any]) -> list[str]:
    """The duty's beneficiary codes that fall under the stakeholder's (residents:D9 under residents)."""
    from service.analysis.vocab.beneficiaries import beneficiaries, codes

    mine = set(beneficiary_codes(stakeholder))
    h = beneficiaries()
    return [c for c in codes(duty.get("beneficiaries") or []) if mine & set(h.chain(c))]


async def suggested_duties(repo: Repository, row: Mapping[str, Any], limit: int = 50) -> list[Row]:
    """Duties whose beneficiaries fall under the stakeholder's codes and that are not linked yet:
    what the directorate may link next (computed with the shipped vocabulary and its added terms)."""
    from service.analysis.vocab.terms import load_terms, vocabularies

    linked = set(row.get("dutyIds") or [])
    duties = await repo.page(DUTY, filters={}, limit=10_000)
    with vocabularies(await load_terms(repo.store)):
        found = [d for d in duties if d["id"] not in linked and serves(row, d)]
    return found[:limit]


async def all_stakeholders(repo: Repository, include_archived: bool = False) -> list[Row]:
    """Every stakeholder the reader may read (there are few: a city has tens, not thousands)."""
    return await repo.page(STAKEHOLDER, filters={}, include_archived=include_archived, sort="name", limit=10_000)


async def convert_group(repo: Repository, agency_id: str, kind: str, power: int, interest: int, influence: int) -> Row:
    """Turn a legacy pseudo-agency of kind stakeholder_group (an old store, a restored old backup) into
    a Stakeholder with the scores given: the issues it raised become voiced by the stakeholder, its
    working-group seats become its working groups, the pseudo-agency is archived with a pointer."""
    from service.errors import ServiceError
    from service.registry.audit import audit_event
    from service.registry.clock import now_iso
    from service.registry.repository import public
    from service.registry.specs import AGENCY

    require_stakeholder_write(repo.actor)
    agency = await repo.get(AGENCY, agency_id, field="agencyId")
    if agency.get("kind") != "stakeholder_group" or agency.get("archived"):
        raise ServiceError("VALIDATION", f"{agency_id!r} is no live stakeholder-group agency (kind stakeholder_group, not archived)",
                           "این رکورد گروه ذی‌نفعِ قدیمیِ بایگانی‌نشده نیست", field="agencyId")  # fmt: skip
    data = m.StakeholderIn(nameFa=agency["nameFa"], nameEn=agency.get("nameEn"), type=kind, power=power, interest=interest,
                           influence=influence)  # fmt: skip
    now = now_iso()
    ident, props, _ = repo.new_props(STAKEHOLDER, data, now, {"convertedFrom": agency_id})
    after = {k: v for k, v in props.items() if k != "search"}
    audit = audit_event(repo.actor, "convert_group", "Stakeholder", ident, {"agencyId": agency_id}, after)
    rows = await repo.store.write("stakeholder/convert_group", {"agencyId": agency_id, "id": ident, "props": props, "now": now, "audit": audit})
    if not rows:  # converted or archived by someone else in between
        raise ServiceError("VERSION_CONFLICT", f"{agency_id!r} was converted or archived meanwhile", "این گروه هم‌زمان تبدیل یا بایگانی شد",
                           field="agencyId", status=409)  # fmt: skip
    return public(rows[0]["node"])
