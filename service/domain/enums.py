"""Closed vocabularies of the registry. Values are what the store keeps."""

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
    """An agency's seat in a working group. The first three are the old vocabulary (stored data keeps
    reading); seed 000 adds the secretariat (keeps minutes, drafts reports), the facilitator (smooths
    the way, not a member) and the observer (attends, no vote)."""

    LEAD = "lead"
    MEMBER = "member"
    SUPERVISOR = "supervisor"
    SECRETARIAT = "secretariat"
    FACILITATOR = "facilitator"
    OBSERVER = "observer"


# --- working-group governance (issue 19 item 1; branch wg) ---
class WorkingGroupLevel(str, Enum):
    """Where a working group sits: a council or policy body, a plan's executive group (seed 000),
    or one of seed 001's three levels (headquarters, organisation, district)."""

    COUNCIL = "council"
    PLAN = "plan"
    HEADQUARTERS = "headquarters"
    ORGANISATION = "organisation"
    DISTRICT = "district"


class DecisionStatus(str, Enum):
    """A working group's decision: open -> in_progress -> done, or dropped from open or in_progress."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class ReportStatus(str, Enum):
    """A transparency report: drafted (secretariat) -> approved (supervisor) -> published (public)."""

    DRAFTED = "drafted"
    APPROVED = "approved"
    PUBLISHED = "published"


class ReportPeriod(str, Enum):
    """The part of a Jalali year a transparency report covers."""

    YEAR = "year"
    H1 = "h1"
    H2 = "h2"
    Q1 = "q1"
    Q2 = "q2"
    Q3 = "q3"
    Q4 = "q4"
# --- end working-group governance ---


class MoneyUnit(str, Enum):
    RIAL = "rial"
    TOMAN = "toman"


# -- coordination plans (issue #18.1) -------------------------------------------------------------
class PlanStatus(str, Enum):
    """A coordination plan: drafted, proposed for approval, approved up its chain, run, closed."""

    DRAFT = "draft"
    PROPOSED = "proposed"
    APPROVED = "approved"
    ACTIVE = "active"
    CLOSED = "closed"


class ActionStatus(str, Enum):
    PROPOSED = "proposed"
    AGREED = "agreed"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class ActionSource(str, Enum):
    """What an action answers: a duplication finding, a win-win opportunity, a merged issue, a request."""

    DUPLICATION_FINDING = "duplication_finding"
    WINWIN_OPPORTUNITY = "winwin_opportunity"
    ISSUE_CLUSTER = "issue_cluster"
    REQUEST = "request"


class ActionOption(str, Enum):
    """GAO step 4, chosen for a duplication finding: merge, name a lead, an agreement, keep (warranted)."""

    MERGE = "merge"
    LEAD_AGENCY = "lead_agency"
    AGREEMENT = "agreement"
    WARRANTED_KEEP = "warranted_keep"
# -- agreements (issue #18 items 2-3, branch agree) -------------------------------------------
class ValuationMethod(str, Enum):
    """How a service or infrastructure exchange's value in rials was estimated."""

    MARKET_PRICE = "market_price"  # what the same service costs on the market
    COST = "cost"  # what it cost the provider (staff, materials, depreciation)
    BUDGET_LINE = "budget_line"  # the budget line that would pay for it otherwise
    COMPARABLE_CONTRACT = "comparable_contract"  # a contract for the same thing elsewhere
    OTHER = "other"


class AgreementKind(str, Enum):
    """The exchange kinds, plus the two contract kinds seed 004's office counts by year."""

    FINANCIAL = "financial"
    SERVICE = "service"
    INFRASTRUCTURE = "infrastructure"
    KNOWLEDGE_BASED_CONTRACT = "knowledge_based_contract"  # قرارداد با شرکت دانش‌بنیان
    INNOVATIVE_CONTRACT = "innovative_contract"  # قرارداد نوآورانه


class AgreementStatus(str, Enum):
    DRAFT = "draft"
    SIGNED = "signed"
    ACTIVE = "active"
    COMPLETED = "completed"
    SETTLED = "settled"
    TERMINATED = "terminated"


class StepKind(str, Enum):
    """The G-Invoicing steps under an agreement: order, performance, settlement."""

    ORDER = "order"
    PERFORMANCE = "performance"
    SETTLEMENT = "settlement"


class StepStatus(str, Enum):
    PLACED = "placed"  # an order, awaiting the provider
    REPORTED = "reported"  # a delivery, awaiting the receiver
    RECORDED = "recorded"  # a payment, awaiting the payee
    ACCEPTED = "accepted"
    DECLINED = "declined"
    DISPUTED = "disputed"
    CONFIRMED = "confirmed"
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
