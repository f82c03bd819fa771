"""What the repository needs to know about each entity: label, id prefix, fields, filters."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from service.domain import models as m
from service.domain.agreement import AgreementIn, AgreementPatch


@dataclass(frozen=True)
class EntitySpec:
    """One entity type; ``key`` is also its folder under ``cypher/``."""

    key: str
    label: str
    prefix: str
    create_model: type[BaseModel]
    patch_model: type[BaseModel]
    relations: frozenset[str]  # input fields kept as edges, not properties
    search_fields: tuple[str, ...]  # fields that make the normalised search form
    filters: tuple[str, ...]  # list/count parameters besides q, includeArchived, sort, desc
    sorts: tuple[str, ...]  # sort keys the list statement understands


AGENCY = EntitySpec(
    "agency", "Agency", "ag", m.AgencyIn, m.AgencyPatch,
    frozenset({"parentId"}),
    ("code", "nameFa", "nameEn"),
    ("kind", "level", "jurisdiction", "geographyCodes", "parentId"),
    ("created", "name", "code"),
)  # fmt: skip
DUTY = EntitySpec(
    "duty", "Duty", "du", m.DutyIn, m.DutyPatch,
    frozenset({"agencyId", "supportAgencyIds"}),
    ("titleFa", "titleEn", "descriptionFa", "descriptionEn", "legalBasis"),
    ("agencyId", "functionCode", "beneficiary"),
    ("created", "title", "function"),
)  # fmt: skip
CAPACITY = EntitySpec(
    "capacity", "Capacity", "ca", m.CapacityIn, m.CapacityPatch,
    frozenset({"agencyId"}),
    ("titleFa", "titleEn", "descriptionFa", "descriptionEn", "location"),
    ("agencyId", "kind", "activeOn", "innovationCentre"),
    ("created", "title", "from"),
)  # fmt: skip
NEED = EntitySpec(
    "need", "Need", "ne", m.NeedIn, m.NeedPatch,
    frozenset({"agencyId"}),
    ("titleFa", "titleEn", "descriptionFa", "descriptionEn", "location"),
    ("agencyId", "kind", "activeOn", "viewerId"),
    ("created", "title", "from"),
)  # fmt: skip
ISSUE = EntitySpec(
    "issue", "Issue", "is", m.IssueIn, m.IssuePatch,
    frozenset({"raisedById", "concernsIds", "blocksDutyId"}),
    ("titleFa", "titleEn", "descriptionFa", "descriptionEn"),
    ("raisedById", "concernsId", "status", "severity", "category", "from", "to", "viewerId", "source", "level"),
    ("created", "title", "raised", "severity"),
)  # fmt: skip
EXCHANGE = EntitySpec(
    "exchange", "Exchange", "ex", m.ExchangeIn, m.ExchangePatch,
    frozenset({"providerId", "receiverId", "dutyId"}),
    ("titleFa", "titleEn", "descriptionFa", "contractRef"),
    ("kind", "status", "providerId", "receiverId", "from", "to", "minAmount", "viewerId"),
    ("created", "title", "date", "amount"),
)  # fmt: skip
REQUEST = EntitySpec(
    "request", "Request", "rq", m.RequestIn, m.RequestPatch,
    frozenset({"senderId", "receiverId", "aboutId"}),
    ("subject", "body"),
    ("status", "senderId", "receiverId", "dueFrom", "dueTo", "overdueOn", "openStatuses", "viewerId"),
    ("created", "due", "subject", "filed"),
)  # fmt: skip
WORKING_GROUP = EntitySpec(
    "working_group", "WorkingGroup", "wg", m.WorkingGroupIn, m.WorkingGroupPatch,
    frozenset({"members", "dutyIds"}),
    ("nameFa", "nameEn", "mandateFa", "mandateEn"),
    ("agencyId",),
    ("created", "name"),
)  # fmt: skip

# -- agreements (branch agree): parties are stored on the node as providerIds/receiverIds ------
AGREEMENT = EntitySpec(
    "agreement", "Agreement", "agr", AgreementIn, AgreementPatch,
    frozenset({"providerIds", "receiverIds"}),
    ("titleFa", "titleEn", "termsFa", "contractRef"),
    ("kind", "status", "partyId", "from", "to", "viewerId"),
    ("created", "title", "signed", "value"),
)  # fmt: skip

SPECS: dict[str, EntitySpec] = {
    s.key: s for s in (AGENCY, DUTY, CAPACITY, NEED, ISSUE, EXCHANGE, REQUEST, WORKING_GROUP, AGREEMENT)
}

# -- coordination plans (issue #18.1): read and written through the Repository's generic get/create/update,
# but not in SPECS (no generic list, where, aggregate or bundle section: service/registry/plans.py lists them)
PLAN = EntitySpec(
    "plan", "Plan", "pl", m.PlanIn, m.PlanPatch,
    frozenset(), ("titleFa", "titleEn", "scopeFa"), (), ("created",),
)  # fmt: skip
PLAN_ACTION = EntitySpec(
    "plan_action", "PlanAction", "pa", m.PlanActionIn, m.PlanActionPatch,
    frozenset({"planId", "ownerIds"}), ("titleFa", "titleEn", "descriptionFa"), (), ("created",),
)  # fmt: skip
