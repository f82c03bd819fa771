"""Helpers shared by the object types: rows to types, dates in both calendars, money."""

import dataclasses
import datetime as dt
import math
from collections.abc import Callable, Sequence
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any, NewType, TypeVar, get_origin, get_type_hints

import strawberry
from strawberry.types.private import is_private

from service.domain import enums as e
from service.text.jalali import stored_day, to_jalali

if TYPE_CHECKING:
    from service.graphql.types.agency import Agency

T = TypeVar("T")

strawberry.enum(e.AgencyKind, description="What sort of body an agency is")
strawberry.enum(e.AgencyLevel, description="Where an agency sits: headquarters, organisation, district or outside the municipality")
strawberry.enum(e.Jurisdiction, description="The tier of government a body belongs to: national, provincial, city or district")
strawberry.enum(e.DutyRole)
strawberry.enum(e.ResourceKind, description="What a capacity offers or a need asks for")
strawberry.enum(e.ResourceStatus, description="Where a capacity or need stands (expired: its window ended)")
strawberry.enum(e.IssueCategory)
strawberry.enum(e.Severity)
strawberry.enum(e.IssueStatus)
strawberry.enum(e.ExchangeKind)
strawberry.enum(e.ExchangeStatus)
strawberry.enum(e.RequestStatus)
strawberry.enum(e.MemberRole)
strawberry.enum(e.MoneyUnit, description="Rials as stored, or tomans (rials / 10)")
# working-group governance (issue 19; branch wg)
strawberry.enum(e.WorkingGroupLevel, description="Where a working group sits: council, a plan's executive group, headquarters, organisation, district")
strawberry.enum(e.DecisionStatus, description="A working group's decision: open, in progress, done or dropped")
strawberry.enum(e.ReportStatus, description="A transparency report: drafted, approved by the supervisor, published")
strawberry.enum(e.ReportPeriod, description="The part of a Jalali year a transparency report covers")
# issue intake (issue 19 item 2)
strawberry.enum(e.IssueLevel, description="Where an issue was collected (seed 001): headquarters, organisation or district")
strawberry.enum(e.ProposalOutcome, description="A committee's decision on a proposal: merge its issues, keep it as proposed, or reject it")
strawberry.enum(e.CouncilOutcome, description="A council's decision on the approved list: approved, or returned to the committee")
# strawberry.enum marks the domain enum itself and returns it; the names below are plain aliases,
# so mypy reads them as types (an assignment from a call is a variable to it).
AgencyKind = e.AgencyKind
AgencyLevel = e.AgencyLevel
Jurisdiction = e.Jurisdiction
DutyRole = e.DutyRole
ResourceKind = e.ResourceKind
ResourceStatus = e.ResourceStatus
IssueCategory = e.IssueCategory
Severity = e.Severity
IssueStatus = e.IssueStatus
ExchangeKind = e.ExchangeKind
ExchangeStatus = e.ExchangeStatus
RequestStatus = e.RequestStatus
MemberRole = e.MemberRole
MoneyUnit = e.MoneyUnit
# -- agreements (branch agree) --
strawberry.enum(e.ValuationMethod, description="How a service's or infrastructure's value was estimated")
strawberry.enum(e.AgreementKind, description="What an agreement is for; knowledge-based and innovative contracts are counted apart (seed 004)")
strawberry.enum(e.AgreementStatus, description="draft → signed (every party) → active → completed → settled, or terminated")
strawberry.enum(e.StepKind, description="An order (receiver), a delivery (provider) or a payment (payer) under an agreement")
strawberry.enum(e.StepStatus, description="placed/reported/recorded await the other side; then accepted, declined, disputed or confirmed")
ValuationMethod = e.ValuationMethod
AgreementKind = e.AgreementKind
AgreementStatus = e.AgreementStatus
StepKind = e.StepKind
StepStatus = e.StepStatus
WorkingGroupLevel = e.WorkingGroupLevel
DecisionStatus = e.DecisionStatus
ReportStatus = e.ReportStatus
ReportPeriod = e.ReportPeriod
IssueLevel = e.IssueLevel
ProposalOutcome = e.ProposalOutcome
CouncilOutcome = e.CouncilOutcome


def iso_date(value: str | None) -> dt.date | None:
    """The stored day, or None when what is stored is no date (never an error: see ``stored_day``)."""
    return stored_day(value)


def jalali(value: str | None) -> str | None:
    """The Jalali form, or None when the calendar cannot show the stored day (``date`` still has it)."""
    return to_jalali(value)


def money(rials: int | None, unit: e.MoneyUnit) -> float | None:
    if not isinstance(rials, (int, float)) or isinstance(rials, bool) or not math.isfinite(rials):
        return None  # none stored, or not a number (a writer that skipped validation)
    return rials / 10 if unit == e.MoneyUnit.TOMAN else float(rials)


@cache
def _plan(cls: type) -> tuple[tuple[str, str, type[Enum] | None, bool, type | None], ...]:
    """(attribute, row key, enum to convert to, required, number type) for each data field of a type,
    worked out once: resolving string annotations per row was a hot spot in the benchmark."""
    hints = get_type_hints(cls, include_extras=False)
    private = {name for name, hint in get_type_hints(cls, include_extras=True).items() if is_private(hint)}
    plan = []
    for f in dataclasses.fields(cls):
        if getattr(f, "base_resolver", None) is not None:
            continue  # a computed field, not data
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        hint = hints.get(f.name)
        number = None if f.name in private else _number_of(hint)  # private amounts go through money()
        plan.append((f.name, camel(f.name.removesuffix("_iso")), _enum_of(hint), required, number))
    return tuple(plan)


_INT32 = range(-(2**31), 2**31)  # GraphQL's Int


def _number_of(hint: Any) -> Any:
    """float (GraphQL Float), int (GraphQL Int, 32 bits) or ``Rials`` (any whole number), else None."""
    if get_origin(hint) in (list, tuple, Sequence):
        return None  # a list of numbers (a duty's budget years) is shown as it is stored
    options = (hint, *getattr(hint, "__args__", ()))
    if float in options:
        return float
    if int in options:
        return int
    return Rials if any(getattr(c, "__supertype__", None) is int for c in options) else None


def _shows(kind: Any, value: Any) -> bool:
    """Whether GraphQL can serialise the stored value as it is (the common case: checked first, cheaply)."""
    if kind is float:
        return type(value) is float and math.isfinite(value)
    return type(value) is int and (kind is not int or value in _INT32)


def _number(kind: Any, value: Any) -> Any:
    """A stored number as the field's type, or ``_UNREADABLE``: a writer may have left 2**62 in a Float
    or an Int, NaN, a text or a fraction (GraphQL cannot serialise them: found by the fuzzer)."""
    try:
        number = float(value)
        if kind is not float and number.is_integer():
            number = int(number)
    except (TypeError, ValueError, OverflowError):
        return _UNREADABLE
    return number if _shows(kind, number) else _UNREADABLE


_UNREADABLE = object()


def data_keys(cls: type) -> dict[str, str]:
    """Attribute -> row key for the type's data fields (computed fields have none)."""
    return {name: key for name, key, _, _, _ in _plan(cls)}


def from_row(cls: type[T], row: dict[str, Any]) -> T:
    """Build a strawberry type from a store row, taking only the fields it declares. A row read
    for one selection (``service.graphql.narrow``) lacks the fields nobody asked for: those are
    None, and GraphQL never shows them. A number the field cannot show is left out (its default)."""
    values: dict[str, Any] = {}
    # a class is hashable; typeshed's lru_cache cannot see it through type[T]
    for name, key, enum_type, required, number in _plan(cls):  # type: ignore[arg-type]
        if key in row:
            value = row[key]
            if number is not None and value is not None and not _shows(number, value):
                value = _number(number, value)
                if value is _UNREADABLE:
                    if required:
                        values[name] = None
                    continue
            values[name] = enum_type(value) if enum_type is not None and value is not None else value
        elif required:
            values[name] = None
    return cls(**values)


def field_reader(cls: type, attr: str) -> Callable[[dict[str, Any]], Any]:
    """``from_row(cls, row)``'s ``attr``, read from the row alone by the same steps (a field the row
    lacks is its default, None when required; a number GraphQL cannot show goes through ``_number``;
    an enum's value becomes its member): for a caller that reads a few fields of many rows (the
    compiled agency page) without building each whole object."""
    name, key, enum_type, required, number = next(p for p in _plan(cls) if p[0] == attr)
    field = next(f for f in dataclasses.fields(cls) if f.name == name)

    def default() -> Any:
        if required:
            return None
        return field.default_factory() if field.default_factory is not dataclasses.MISSING else field.default

    def read(row: dict[str, Any]) -> Any:
        if key not in row:
            return default()
        value = row[key]
        if value is None:
            return None
        if number is not None and not _shows(number, value):
            value = _number(number, value)
            if value is _UNREADABLE:
                return default()
        return enum_type(value) if enum_type is not None else value

    return read


@cache
def enum_values(cls: type) -> tuple[tuple[str, frozenset[Any]], ...]:
    """(row key, the values its enum takes) for each enum field of a type: the values ``from_row``
    can make members of (any other raises there)."""
    return tuple((key, frozenset(m.value for m in enum_type)) for _, key, enum_type, _, _ in _plan(cls) if enum_type is not None)


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


async def load_agency(info: Any, agency_id: str | None) -> "Agency | None":
    """Resolve an agency id through the request's DataLoader."""
    from service.graphql.types.agency import Agency
    from service.registry.specs import AGENCY

    if not agency_id:
        return None
    row = await info.context.loaders.entity(AGENCY).load(agency_id)
    return from_row(Agency, row) if row else None


async def load_agencies(info: Any, agency_ids: Sequence[str]) -> "list[Agency]":
    """Resolve several agency ids in one DataLoader batch, keeping their order."""
    from service.graphql.types.agency import Agency
    from service.registry.specs import AGENCY

    rows = await info.context.loaders.entity(AGENCY).load_many(list(agency_ids))
    return [from_row(Agency, r) for r in rows if r]


def _enum_of(hint: Any) -> type[Enum] | None:
    for candidate in (hint, *getattr(hint, "__args__", ())):
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return candidate
    return None


def _parse_rials(value: Any) -> int:
    from service.text.persian import normalize

    text = normalize(str(value)).replace(",", "").replace(" ", "")
    if not text.isdigit():
        raise ValueError(f"not an amount in rials: {value!r}")
    return int(text)


DateTime = NewType("DateTime", str)


def _serialize_datetime(value: Any) -> str:
    """The stored instant as it is stored (ISO 8601, UTC offset included)."""
    return value.isoformat() if isinstance(value, dt.datetime) else str(value)


def _parse_datetime(value: Any) -> str:
    try:
        return dt.datetime.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ValueError(f"not an ISO 8601 date-time: {value!r} (e.g. 2024-05-04T10:15:00.000+00:00)") from None


DATETIME_SCALAR = strawberry.scalar(
    name="DateTime",
    description="An instant in ISO 8601 with its UTC offset, milliseconds included: "
    "2024-05-04T10:15:00.000+00:00. It is the very string createdAt and updatedAt carried when they "
    "were String, so a client that reads them as strings, or parses them with Date.parse or "
    "datetime.fromisoformat, reads them unchanged.",
    serialize=_serialize_datetime,
    parse_value=_parse_datetime,
)
Rials = NewType("Rials", int)
RIALS_SCALAR = strawberry.scalar(
    name="Rials",
    description="An amount in rials: a whole number up to 2^53 (a string of Persian or ASCII digits is accepted)",
    serialize=int,
    parse_value=_parse_rials,
)
