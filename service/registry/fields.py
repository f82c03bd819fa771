"""The allow-list of what a ``where`` filter, a sort and an aggregate may name, per entity.

The composer (``compose.py``) puts into Cypher text only names from these tables: stored
property names, edge patterns between fixed labels, and the sort and group keys below. Every
value a client gives travels as a parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """What operators a field takes (and how its values are read)."""

    ID = "id"  # eq, _IN
    ENUM = "enum"  # eq, _IN
    TEXT = "text"  # eq, _IN, _STARTS_WITH, _CONTAINS
    DATE = "date"  # a day, Jalali or ISO: eq, _GT, _GTE, _LT, _LTE
    DATETIME = "datetime"  # a stored ISO instant; a bare day compares as that whole day
    MONEY = "money"  # rials: eq, _IN, _GT, _GTE, _LT, _LTE
    NUMBER = "number"  # quantities: eq, _GT, _GTE, _LT, _LTE
    LIST = "list"  # a stored list of codes: _INCLUDES
    SEARCH = "search"  # the normalised search key: _CONTAINS, _STARTS_WITH (a word)


@dataclass(frozen=True)
class Field:
    name: str  # the GraphQL name, and the stored property unless ``prop`` says otherwise
    kind: Kind
    enum: str | None = None  # the GraphQL enum of an ENUM field
    prop: str | None = None

    @property
    def stored(self) -> str:
        return self.prop or self.name


@dataclass(frozen=True)
class Relation:
    name: str
    edge: str  # the pattern from the filtered node to the related one, between the two nodes
    target: str  # the entity key of the related records
    to_one: bool = False


COMMON = (
    Field("id", Kind.ID),
    Field("createdAt", Kind.DATETIME),
    Field("updatedAt", Kind.DATETIME),
    Field("search", Kind.SEARCH),
)
RESOURCE = (
    Field("titleFa", Kind.TEXT),
    Field("kind", Kind.ENUM, "ResourceKind"),
    Field("quantity", Kind.NUMBER),
    Field("unit", Kind.TEXT),
)

FIELDS: dict[str, tuple[Field, ...]] = {
    "agency": (
        *COMMON,
        Field("code", Kind.TEXT),
        Field("nameFa", Kind.TEXT),
        Field("nameEn", Kind.TEXT),
        Field("kind", Kind.ENUM, "AgencyKind"),
        Field("level", Kind.ENUM, "AgencyLevel"),
        Field("jurisdiction", Kind.ENUM, "Jurisdiction"),
        Field("geographyCode", Kind.TEXT),
    ),
    "duty": (*COMMON, Field("titleFa", Kind.TEXT), Field("functionCode", Kind.TEXT), Field("beneficiaries", Kind.LIST), Field("geography", Kind.LIST)),
    "capacity": COMMON
    + RESOURCE
    + (
        Field("availableFrom", Kind.DATE),
        Field("availableTo", Kind.DATE),
        Field("costRials", Kind.MONEY),
        Field("innovationCentre", Kind.TEXT),
    ),
    "need": COMMON
    + RESOURCE
    + (
        Field("neededFrom", Kind.DATE),
        Field("neededTo", Kind.DATE),
        Field("valueRials", Kind.MONEY),
    ),
    "issue": (
        *COMMON,
        Field("titleFa", Kind.TEXT),
        Field("status", Kind.ENUM, "IssueStatus"),
        Field("severity", Kind.ENUM, "Severity"),
        Field("category", Kind.ENUM, "IssueCategory"),
        Field("raisedOn", Kind.DATE),
        Field("source", Kind.TEXT),
        Field("level", Kind.ENUM, "IssueLevel"),
    ),
    "exchange": (
        *COMMON,
        Field("titleFa", Kind.TEXT),
        Field("kind", Kind.ENUM, "ExchangeKind"),
        Field("status", Kind.ENUM, "ExchangeStatus"),
        Field("date", Kind.DATE),
        Field("amountRials", Kind.MONEY),
        Field("contractRef", Kind.TEXT),
        Field("estimatedValueRials", Kind.MONEY),  # branch agree (#18.3): a service's estimated worth
        Field("valuationMethod", Kind.ENUM, "ValuationMethod"),
        Field("agreementId", Kind.ID),
    ),
    "request": (*COMMON, Field("subject", Kind.TEXT), Field("status", Kind.ENUM, "RequestStatus"), Field("dueDate", Kind.DATE), Field("filedOn", Kind.DATE)),
    "working_group": (*COMMON, Field("nameFa", Kind.TEXT), Field("nameEn", Kind.TEXT)),
}

RELATIONS: dict[str, tuple[Relation, ...]] = {
    "agency": (
        Relation("parent", "-[:PART_OF]->", "agency", to_one=True),
        Relation("subAgencies", "<-[:PART_OF]-", "agency"),
        Relation("duties", "-[:HAS_DUTY]->", "duty"),
        Relation("capacities", "-[:OFFERS]->", "capacity"),
        Relation("needs", "-[:NEEDS]->", "need"),
        Relation("issuesRaised", "-[:RAISED]->", "issue"),
        Relation("issuesReceived", "<-[:CONCERNS]-", "issue"),
        Relation("exchangesGiven", "-[:GAVE]->", "exchange"),
        Relation("exchangesReceived", "<-[:TO]-", "exchange"),
        Relation("requestsSent", "-[:SENT]->", "request"),
        Relation("requestsReceived", "<-[:ADDRESSED_TO]-", "request"),
        Relation("workingGroups", "-[:MEMBER_OF]->", "working_group"),
    ),
    "duty": (
        Relation("holders", "<-[:HAS_DUTY]-", "agency"),
        Relation("lead", "<-[:HAS_DUTY {role: 'lead'}]-", "agency", to_one=True),
        Relation("exchanges", "<-[:SERVES]-", "exchange"),
        Relation("workingGroups", "<-[:COORDINATES]-", "working_group"),
    ),
    "capacity": (Relation("agency", "<-[:OFFERS]-", "agency", to_one=True),),
    "need": (Relation("agency", "<-[:NEEDS]-", "agency", to_one=True),),
    "issue": (
        Relation("raisedBy", "<-[:RAISED]-", "agency", to_one=True),
        Relation("concerns", "-[:CONCERNS]->", "agency"),
        Relation("blocksDuty", "-[:BLOCKS]->", "duty", to_one=True),
    ),
    "exchange": (
        Relation("provider", "<-[:GAVE]-", "agency", to_one=True),
        Relation("receiver", "-[:TO]->", "agency", to_one=True),
        Relation("duty", "-[:SERVES]->", "duty", to_one=True),
    ),
    "request": (
        Relation("sender", "<-[:SENT]-", "agency", to_one=True),
        Relation("receiver", "-[:ADDRESSED_TO]->", "agency", to_one=True),
    ),
    "working_group": (
        Relation("members", "<-[:MEMBER_OF]-", "agency"),
        Relation("duties", "-[:COORDINATES]->", "duty"),
    ),
}

# sort keys of the old ``sort`` enums -> the stored property they order by
SORT_PROPS: dict[str, dict[str, str]] = {
    "agency": {"created": "createdAt", "name": "nameFa", "code": "code"},
    "duty": {"created": "createdAt", "title": "titleFa", "function": "functionCode"},
    "capacity": {"created": "createdAt", "title": "titleFa", "from": "availableFrom"},
    "need": {"created": "createdAt", "title": "titleFa", "from": "neededFrom"},
    "issue": {"created": "createdAt", "title": "titleFa", "raised": "raisedOn", "severity": "severity"},
    "exchange": {"created": "createdAt", "title": "titleFa", "date": "date", "amount": "amountRials"},
    "request": {"created": "createdAt", "due": "dueDate", "subject": "subject", "filed": "filedOn"},
    "working_group": {"created": "createdAt", "name": "nameFa"},
}
# the numeric fields an aggregate sums, per entity
NUMBERS: dict[str, tuple[str, ...]] = {
    "capacity": ("quantity", "costRials"),
    "need": ("quantity", "valueRials"),
    "exchange": ("amountRials", "estimatedValueRials"),
}
# what an aggregate may group by: a stored property, the id of a to-one related agency, or the
# Jalali year of a day field (folded from days in Python: Cypher has no Jalali calendar)
GROUPS: dict[str, dict[str, tuple[str, str]]] = {
    "agency": {"kind": ("prop", "kind"), "level": ("prop", "level"),
               "jurisdiction": ("prop", "jurisdiction"), "parent": ("relation", "parent"), "jalaliYear": ("year", "createdAt")},
    "duty": {"lead": ("relation", "lead"), "jalaliYear": ("year", "createdAt")},
    "capacity": {"kind": ("prop", "kind"), "agency": ("relation", "agency"), "jalaliYear": ("year", "availableFrom"),
                 "innovationCentre": ("prop", "innovationCentre")},
    "need": {"kind": ("prop", "kind"), "agency": ("relation", "agency"), "jalaliYear": ("year", "neededFrom")},
    "issue": {
        "status": ("prop", "status"),
        "severity": ("prop", "severity"),
        "category": ("prop", "category"),
        "raisedBy": ("relation", "raisedBy"),
        "jalaliYear": ("year", "raisedOn"),
        "source": ("prop", "source"),
        "level": ("prop", "level"),
    },
    "exchange": {
        "kind": ("prop", "kind"),
        "status": ("prop", "status"),
        "provider": ("relation", "provider"),
        "receiver": ("relation", "receiver"),
        "jalaliYear": ("year", "date"),
    },
    "request": {"status": ("prop", "status"), "sender": ("relation", "sender"), "receiver": ("relation", "receiver"), "jalaliYear": ("year", "filedOn")},
    "working_group": {"jalaliYear": ("year", "createdAt")},
}
LABELS: dict[str, str] = {
    "agency": "Agency",
    "duty": "Duty",
    "capacity": "Capacity",
    "need": "Need",
    "issue": "Issue",
    "exchange": "Exchange",
    "request": "Request",
    "working_group": "WorkingGroup",
}
PRIVATE_VIEWERS = ("need", "issue", "exchange", "request")  # kinds with a viewer fragment


def field(entity: str, name: str) -> Field | None:
    return next((f for f in FIELDS[entity] if f.name == name), None)


def relation(entity: str, name: str) -> Relation | None:
    return next((r for r in RELATIONS[entity] if r.name == name), None)
