"""Closed vocabularies of the registry. Values are what the store keeps."""

from __future__ import annotations

from enum import Enum


class AgencyKind(str, Enum):
    MUNICIPAL_DEPUTY = "municipal_deputy"
    DISTRICT = "district"
    MUNICIPAL_ORGANISATION = "municipal_organisation"
    GOVERNMENT_AGENCY = "government_agency"
    UTILITY_COMPANY = "utility_company"
    UNIVERSITY = "university"
    KNOWLEDGE_BASED_FIRM = "knowledge_based_firm"
    NGO = "ngo"
    COUNCIL = "council"
    STAKEHOLDER_GROUP = "stakeholder_group"


class AgencyLevel(str, Enum):
    HEADQUARTERS = "headquarters"
    ORGANISATION = "organisation"
    DISTRICT = "district"
    EXTERNAL = "external"


class Jurisdiction(str, Enum):
    """The tier of government a body belongs to, whatever its place inside the municipality
    (``AgencyLevel``): the governorate is provincial, a district office is district."""

    NATIONAL = "national"
    PROVINCIAL = "provincial"
    CITY = "city"
    DISTRICT = "district"


JURISDICTION_FA = {"national": "ملی", "provincial": "استانی", "city": "شهری", "district": "منطقه‌ای"}


class DutyRole(str, Enum):
    LEAD = "lead"
    SUPPORT = "support"


class ResourceKind(str, Enum):
    """What a capacity offers or a need asks for."""

    EQUIPMENT = "equipment"
    LAND = "land"
    BUILDING = "building"
    EXPERTISE = "expertise"
    DATA = "data"
    SERVICE = "service"
    INFRASTRUCTURE = "infrastructure"
    FUNDING = "funding"
    PRODUCT = "product"  # a knowledge-based product of a company's (seed 004's catalogue; issue 19 item 5)


class ResourceStatus(str, Enum):
    """Where a capacity or need stands; ``expired`` is also what an open one becomes once its window ends."""

    OPEN = "open"
    PARTLY_MET = "partly_met"
    MET = "met"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class IssueCategory(str, Enum):
    COORDINATION = "coordination"
    INFRASTRUCTURE_CONFLICT = "infrastructure_conflict"
    FINANCIAL = "financial"
    LEGAL = "legal"
    DATA_SHARING = "data_sharing"
    PERMITS = "permits"
    SERVICE_DELIVERY = "service_delivery"


class Severity(str, Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class IssueStatus(str, Enum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"


class ExchangeKind(str, Enum):
    FINANCIAL = "financial"
    SERVICE = "service"
    INFRASTRUCTURE = "infrastructure"


class ExchangeStatus(str, Enum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class RequestStatus(str, Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class MemberRole(str, Enum):
    LEAD = "lead"
    MEMBER = "member"
    SUPERVISOR = "supervisor"


class MoneyUnit(str, Enum):
    RIAL = "rial"
    TOMAN = "toman"


# -- issue intake (issue 19 item 2; seed 001): the three levels issues are collected at ------------
class IssueLevel(str, Enum):
    """Where an issue was collected: a headquarters (deputy), an organisation or a district office."""

    HEADQUARTERS = "headquarters"
    ORGANISATION = "organisation"
    DISTRICT = "district"


ISSUE_LEVEL_FA = {"headquarters": "ستادی", "organisation": "سازمانی", "district": "منطقه‌ای"}


class ProposalOutcome(str, Enum):
    """A committee's decision on an issue-cluster proposal."""

    MERGE = "merge"  # the proposal's issues are one problem: kept, merged, with a priority and an owner
    KEEP = "keep"  # kept as proposed (one issue, or issues left apart), with a priority and an owner
    REJECT = "reject"  # not taken into the list


class CouncilOutcome(str, Enum):
    """A council's decision on the approved list sent up to it."""

    APPROVED = "approved"
    RETURNED = "returned"  # sent back to the committee, with its reasons
