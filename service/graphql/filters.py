"""List filters per entity. Dates may be Jalali or ISO; ``q`` is searched in normalised form."""

import dataclasses
from enum import Enum
from typing import Any, cast

import strawberry

from service.domain.workflow import OPEN_STATUSES
from service.errors import ServiceError
from service.graphql.types.common import (
    AgencyKind,
    AgencyLevel,
    ExchangeKind,
    ExchangeStatus,
    IssueCategory,
    IssueLevel,
    IssueStatus,
    Jurisdiction,
    RequestStatus,
    ResourceKind,
    Rials,
    Severity,
)  # fmt: skip
from service.registry.specs import SPECS
from service.text.jalali import DateError, jalali_year_bounds, parse_date

DATE_FIELDS = {"from", "to", "dueFrom", "dueTo", "activeOn", "overdueOn"}


@strawberry.input
class AgencyFilter:
    kind: AgencyKind | None = None
    level: AgencyLevel | None = None
    jurisdiction: Jurisdiction | None = strawberry.field(default=None, description="Tier of government")
    within: str | None = strawberry.field(default=None, description="Bodies whose geography code lies in this area "
                                          "(e.g. 'city': the city and its districts, Samen included)")
    parent_id: strawberry.ID | None = None
    q: str | None = strawberry.field(default=None, description="Free text, Persian or English")
    include_archived: bool = False


@strawberry.input
class DutyFilter:
    agency_id: strawberry.ID | None = None
    function_code: str | None = strawberry.field(default=None, description="COFOG prefix: '06' or '06.2'")
    beneficiary: str | None = None
    q: str | None = None
    include_archived: bool = False


@strawberry.input
class ResourceFilter:
    agency_id: strawberry.ID | None = None
    kind: ResourceKind | None = None
    active_on: str | None = strawberry.field(default=None, description="Available/needed on this day")
    q: str | None = None
    include_archived: bool = False


@strawberry.input
class IssueFilter:
    raised_by_id: strawberry.ID | None = None
    concerns_id: strawberry.ID | None = None
    status: IssueStatus | None = None
    severity: Severity | None = None
    category: IssueCategory | None = None
    source: str | None = strawberry.field(default=None, description="One of the nine information sources (issueSources)")
    level: IssueLevel | None = strawberry.field(default=None, description="Where it was collected")
    from_: str | None = strawberry.field(default=None, name="from")
    to: str | None = None
    q: str | None = None
    include_archived: bool = False


@strawberry.input
class ExchangeFilter:
    kind: ExchangeKind | None = None
    status: ExchangeStatus | None = None
    provider_id: strawberry.ID | None = None
    receiver_id: strawberry.ID | None = None
    from_: str | None = strawberry.field(default=None, name="from")
    to: str | None = None
    jalali_year: int | None = strawberry.field(default=None, description="e.g. 1403; sets from/to")
    min_amount: Rials | None = strawberry.field(default=None, description="In rials")
    q: str | None = None
    include_archived: bool = False


@strawberry.input
class RequestFilter:
    status: RequestStatus | None = None
    sender_id: strawberry.ID | None = None
    receiver_id: strawberry.ID | None = None
    due_from: str | None = None
    due_to: str | None = None
    overdue: bool = strawberry.field(default=False, description="Only open requests past their due date")
    q: str | None = None
    include_archived: bool = False


@strawberry.input
class WorkingGroupFilter:
    agency_id: strawberry.ID | None = None
    q: str | None = None
    include_archived: bool = False


def _sort_enum(key: str) -> Any:
    names = {s.upper(): s for s in SPECS[key].sorts}
    camel = "".join(p.title() for p in key.split("_"))
    return strawberry.enum(cast(type[Enum], Enum(f"{camel}Sort", names)))  # mypy reads Enum() with a computed name as a member


SORTS = {key: _sort_enum(key) for key in SPECS}


def parse_filter_date(value: str | None, field: str) -> str | None:
    """A Jalali or ISO date from a filter, as ISO; a bad one is the client's error."""
    if not value:
        return None
    try:
        return parse_date(value).isoformat()
    except DateError as exc:
        raise ServiceError("VALIDATION", str(exc), "تاریخ نادرست است (نمونه: ۱۴۰۳/۰۲/۱۵)", field=field) from None


def codes_within(area: str) -> list[str]:
    """The geography codes inside ``area`` (itself included), from the hierarchy the analyses share."""
    from service.analysis.vocab.geography import geography

    geo = geography()
    if area not in geo.parent:
        raise ServiceError("VALIDATION", f"within: unknown geography code {area!r} (e.g. city, D8, samen, province)",
                           f"within: کد جغرافیا شناخته نیست ({area})؛ نمونه: city، D8، samen، province", field="within")
    return sorted(code for code in geo.parent if geo.contains(area, code))


def _known_source(code: str) -> None:
    from service.analysis.vocab.lists import ISSUE_SOURCES, codes

    if code not in codes(ISSUE_SOURCES):
        raise ServiceError("VALIDATION", f"source: unknown information source {code!r} (see issueSources)",
                           f"source: منبع اطلاعاتی شناخته نیست ({code})؛ فهرست در issueSources", field="source")


def filter_params(filt: Any, today: str) -> tuple[dict[str, Any], str | None, bool]:
    """Turn a filter input into (statement parameters, q, includeArchived)."""
    params: dict[str, Any] = {}
    if filt is None:
        return params, None, False
    for f in dataclasses.fields(filt):
        value = getattr(filt, f.name)
        name = f.name.rstrip("_")
        key = name.split("_")[0] + "".join(p.title() for p in name.split("_")[1:])
        if isinstance(value, Enum):
            value = value.value
        if key in DATE_FIELDS and value:
            value = parse_filter_date(value, key)
        params[key] = value
    if params.pop("overdue", False):
        params["overdueOn"] = today
        params["openStatuses"] = sorted(s.value for s in OPEN_STATUSES)
    if params.get("source") is not None:
        _known_source(params["source"])
    if (within := params.pop("within", None)) is not None:
        params["geographyCodes"] = codes_within(within)
    year = params.pop("jalaliYear", None)
    if year is not None:
        try:
            first, last = jalali_year_bounds(year)
        except DateError as exc:
            raise ServiceError("VALIDATION", str(exc), "سال شمسی نادرست است (نمونه: ۱۴۰۳)", field="jalaliYear") from None
        params["from"], params["to"] = first.isoformat(), last.isoformat()
    return params, params.pop("q", None), bool(params.pop("includeArchived", False))
