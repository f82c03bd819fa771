"""Validated inputs for every entity: one ``*In`` (create) and one ``*Patch`` (update) each.

Pydantic does the checking once, for GraphQL, imports and the demo loader alike.
Relations are ids; the store statement refuses ids that do not exist.
"""

from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, EmailStr, Field, create_model, model_validator

from service.domain import enums as e
from service.domain.fields import (
    Code,
    EntityId,
    FunctionCode,
    GeographyCode,
    InnovationCentreCode,
    IsoDate,
    IssueSourceCode,
    JalaliYear,
    Label,
    Quantity,
    Rials,
    Text,
)


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True, str_strip_whitespace=True, defer_build=True)


def _window_ok(start: str | None, end: str | None, names: str) -> None:
    if start and end and start > end:
        raise ValueError(f"{names}: the end is before the start")


class AgencyIn(Input):
    id: EntityId | None = None
    code: Code
    nameFa: Label
    nameEn: Label | None = None
    kind: e.AgencyKind
    level: e.AgencyLevel
    parentId: EntityId | None = None
    contactPhone: Code | None = None
    contactEmail: EmailStr | None = None
    contactAddress: Text | None = None
    # the tier of government (national … district); left out, it follows from ``level`` where it can
    jurisdiction: e.Jurisdiction | None = None
    geographyCode: GeographyCode | None = None  # where the body acts, a code of the analyses' geography
    fictional: bool = False  # an invented name (demo data), never to be shown as a real body

    @model_validator(mode="after")
    def _tier(self) -> "AgencyIn":
        if self.jurisdiction is None:
            self.jurisdiction = _TIER_OF_LEVEL.get(str(self.level))  # type: ignore[assignment]
        return self


_TIER_OF_LEVEL = {"headquarters": "city", "organisation": "city", "district": "district"}


class DutyIn(Input):
    id: EntityId | None = None
    agencyId: EntityId
    supportAgencyIds: list[EntityId] = []
    titleFa: Label
    titleEn: Label | None = None
    descriptionFa: Text | None = None
    descriptionEn: Text | None = None
    functionCode: FunctionCode
    beneficiaries: list[Code] = []
    geography: list[Code] = ["city"]
    legalBasis: Text | None = None
    # the annual budget by Jalali fiscal year, as two lists of one length: budgetRials[i] in budgetYears[i]
    budgetYears: list[JalaliYear] = []
    budgetRials: list[Rials] = []

    @model_validator(mode="after")
    def _budgets(self) -> "DutyIn":
        _budgets_ok(self.budgetYears, self.budgetRials)
        return self


def _budgets_ok(years: list[int] | None, rials: list[int] | None) -> None:
    """Both lists or neither, one amount per year, each year once."""
    if years is None and rials is None:
        return
    if years is None or rials is None or len(years) != len(rials):
        raise ValueError("budgetYears/budgetRials: give one amount in rials for each Jalali year")
    if len(set(years)) != len(years):
        raise ValueError("budgetYears: a year is listed twice")



class _Resource(Input):
    titleFa: Label
    titleEn: Label | None = None
    descriptionFa: Text | None = None
    descriptionEn: Text | None = None
    kind: e.ResourceKind
    quantity: Quantity | None = None
    unit: Label | None = None
    location: Text | None = None


class CapacityIn(_Resource):
    id: EntityId | None = None
    agencyId: EntityId
    availableFrom: IsoDate | None = None
    availableTo: IsoDate | None = None
    costRials: Rials | None = None
    status: e.ResourceStatus = e.ResourceStatus.OPEN
    quantityCommitted: Quantity | None = None  # already promised to others: the rest is still offered
    # a knowledge-based product (kind product): the innovation centre whose catalogue lists it (seed 004)
    innovationCentre: InnovationCentreCode | None = None

    @model_validator(mode="after")
    def _window(self) -> "CapacityIn":
        _window_ok(self.availableFrom, self.availableTo, "availableFrom/availableTo")
        if self.innovationCentre and self.kind != e.ResourceKind.PRODUCT.value:
            raise ValueError("innovationCentre: only a knowledge-based product (kind product) belongs to an innovation centre")
        return self



class NeedIn(_Resource):
    id: EntityId | None = None
    agencyId: EntityId
    neededFrom: IsoDate | None = None
    neededTo: IsoDate | None = None
    valueRials: Rials | None = None
    valueSource: Text | None = None  # where the value comes from (a budget line, an estimate): shown beside it
    status: e.ResourceStatus = e.ResourceStatus.OPEN
    quantityMet: Quantity | None = None  # already met: the rest is still wanted

    @model_validator(mode="after")
    def _window(self) -> "NeedIn":
        _window_ok(self.neededFrom, self.neededTo, "neededFrom/neededTo")
        return self



class IssueIn(Input):
    id: EntityId | None = None
    raisedById: EntityId
    concernsIds: list[EntityId]
    titleFa: Label
    titleEn: Label | None = None
    descriptionFa: Text | None = None
    descriptionEn: Text | None = None
    category: e.IssueCategory
    severity: e.Severity
    status: e.IssueStatus = e.IssueStatus.OPEN
    raisedOn: IsoDate | None = None
    blocksDutyId: EntityId | None = None
    # issue intake (seed 001): which of the nine information sources it came from, at which level
    source: IssueSourceCode | None = None
    level: e.IssueLevel | None = None



class ExchangeIn(Input):
    id: EntityId | None = None
    kind: e.ExchangeKind
    providerId: EntityId
    receiverId: EntityId
    titleFa: Label
    titleEn: Label | None = None
    descriptionFa: Text | None = None
    amountRials: Rials | None = None
    date: IsoDate
    status: e.ExchangeStatus = e.ExchangeStatus.PLANNED
    dutyId: EntityId | None = None
    contractRef: Code | None = None
    # what a service or infrastructure exchange is worth, estimated, and how (branch agree, #18.3)
    estimatedValueRials: Rials | None = None
    valuationMethod: e.ValuationMethod | None = None
    agreementId: EntityId | None = None  # the agreement it belongs to (both parties must be its parties)

    @model_validator(mode="after")
    def _money(self) -> "ExchangeIn":
        if self.kind == e.ExchangeKind.FINANCIAL.value and self.amountRials is None:
            raise ValueError("amountRials: a financial exchange needs an amount in rials")
        if self.kind == e.ExchangeKind.FINANCIAL.value and self.estimatedValueRials is not None:
            raise ValueError("estimatedValueRials: a financial exchange's value is its amount; estimates are for services and infrastructure")
        if self.estimatedValueRials is not None and self.valuationMethod is None:
            raise ValueError("valuationMethod: say how the value was estimated (market price, cost, budget line…)")
        if self.providerId == self.receiverId:
            raise ValueError("receiverId: provider and receiver must be different agencies")
        return self



class RequestIn(Input):
    id: EntityId | None = None
    senderId: EntityId
    receiverId: EntityId
    aboutId: EntityId | None = None
    subject: Label
    body: Text | None = None
    dueDate: IsoDate | None = None
    filedOn: IsoDate | None = None
    agreementId: EntityId | None = None  # the agreement it is filed under (branch agree)

    @model_validator(mode="after")
    def _parties(self) -> "RequestIn":
        if self.senderId == self.receiverId:
            raise ValueError("receiverId: a request goes to another agency")
        return self



class MemberIn(Input):
    agencyId: EntityId
    role: e.MemberRole = e.MemberRole.MEMBER


class WorkingGroupIn(Input):
    id: EntityId | None = None
    nameFa: Label
    nameEn: Label | None = None
    mandateFa: Text | None = None
    mandateEn: Text | None = None
    members: list[MemberIn] = []
    dutyIds: list[EntityId] = []
    # where the group sits (issue 19): its level, the group it answers to, the city plan it serves;
    # plain ids, checked by service.registry.wg_placement when set through GraphQL
    level: e.WorkingGroupLevel | None = None
    parentGroupId: EntityId | None = None
    planId: EntityId | None = None


def patch_of(model: type[Input], *keep: str) -> type[Input]:
    """The update input of an entity: the named fields of its create input, each optional.

    Relations, ids and the fields that define what a record *is* (an exchange's parties, a
    request's parties) are left out: those change through their own mutations, or not at all.
    """
    fields: dict[str, Any] = {}
    for name in keep:
        info = model.model_fields[name]
        base = info.annotation
        union = get_origin(base) in (Union, UnionType)
        bare = next(a for a in get_args(base) if a is not type(None)) if union else base  # X | None -> X
        typed: Any = Annotated[bare, *info.metadata] if info.metadata else bare
        fields[name] = (typed | None, None)
    return create_model(model.__name__.removesuffix("In") + "Patch", __base__=Input, **fields)


_TEXT = ("titleFa", "titleEn", "descriptionFa", "descriptionEn")
AgencyPatch = patch_of(AgencyIn, "code", "nameFa", "nameEn", "kind", "level", "contactPhone", "contactEmail", "contactAddress",
                       "jurisdiction", "geographyCode", "fictional")
_DutyPatch = patch_of(DutyIn, *_TEXT, "functionCode", "beneficiaries", "geography", "legalBasis", "budgetYears", "budgetRials")


class DutyPatch(_DutyPatch):  # type: ignore[misc,valid-type]
    @model_validator(mode="after")
    def _budgets(self) -> "DutyPatch":
        _budgets_ok(self.budgetYears, self.budgetRials)
        return self


CapacityPatch = patch_of(CapacityIn, *_TEXT, "kind", "quantity", "unit", "location", "availableFrom", "availableTo", "costRials",
                         "status", "quantityCommitted", "innovationCentre")
NeedPatch = patch_of(NeedIn, *_TEXT, "kind", "quantity", "unit", "location", "neededFrom", "neededTo", "valueRials",
                     "valueSource", "status", "quantityMet")
IssuePatch = patch_of(IssueIn, *_TEXT, "category", "severity", "status", "source", "level")
ExchangePatch = patch_of(ExchangeIn, "titleFa", "titleEn", "descriptionFa", "amountRials", "date", "status", "contractRef",
                         "estimatedValueRials", "valuationMethod", "agreementId")
RequestPatch = patch_of(RequestIn, "subject", "body", "dueDate", "agreementId")
WorkingGroupPatch = patch_of(WorkingGroupIn, "nameFa", "nameEn", "mandateFa", "mandateEn", "level")


# -- coordination plans (issue #18.1) -------------------------------------------------------------
# an approval step: a key ("working_group") or "key:role" (the role that may approve it; directorate by default)
ApprovalStep = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}(:(directorate|analyst|agency))?$")]
# a finding's key (dup:<duty>:<duty>), an opportunity's (ww-…), a merged issue's (mi-…) or a request's id
SourceRef = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_.:-]+$")]


class PlanIn(Input):
    id: EntityId | None = None
    titleFa: Label
    titleEn: Label | None = None
    fromYear: JalaliYear
    toYear: JalaliYear
    scopeFa: Text | None = None
    scopeEn: Text | None = None
    approvalChain: list[ApprovalStep] | None = None  # None: the setting's (working group → council → city council)

    @model_validator(mode="after")
    def _period(self) -> "PlanIn":
        if self.fromYear > self.toYear:
            raise ValueError("toYear: the plan ends before it starts")
        if self.approvalChain is not None and (not self.approvalChain or len(set(self.approvalChain)) != len(self.approvalChain)):
            raise ValueError("approvalChain: give at least one step, each once")
        return self


PlanPatch = patch_of(PlanIn, "titleFa", "titleEn", "scopeFa", "scopeEn", "fromYear", "toYear")


class PlanActionIn(Input):
    id: EntityId | None = None
    planId: EntityId
    titleFa: Label
    titleEn: Label | None = None
    descriptionFa: Text | None = None
    sourceKind: e.ActionSource
    sourceRef: SourceRef
    option: e.ActionOption | None = None  # duplication findings only
    ownerIds: list[EntityId] = Field(min_length=1)
    dueDate: IsoDate | None = None
    budgetRials: Rials | None = None
    expectedSavingRials: Rials | None = None  # what stops being spent twice (a duplication finding)
    expectedBenefitRials: Rials | None = None  # what the city gains (a win-win opportunity)

    @model_validator(mode="after")
    def _option(self) -> "PlanActionIn":
        if self.option is not None and self.sourceKind != e.ActionSource.DUPLICATION_FINDING.value:
            raise ValueError("option: only an action on a duplication finding chooses an option")
        if len(set(self.ownerIds)) != len(self.ownerIds):
            raise ValueError("ownerIds: an agency is listed twice")
        return self


PlanActionPatch = patch_of(PlanActionIn, "titleFa", "titleEn", "descriptionFa", "option", "dueDate", "budgetRials",
                           "expectedSavingRials", "expectedBenefitRials")
