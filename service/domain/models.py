"""Validated inputs for every entity: one ``*In`` (create) and one ``*Patch`` (update) each.

Pydantic does the checking once, for GraphQL, imports and the demo loader alike.
Relations are ids; the store statement refuses ids that do not exist.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, EmailStr, model_validator

from service.domain import enums as e
from service.domain.fields import Code, EntityId, FunctionCode, IsoDate, Label, Quantity, Rials, Text


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True, str_strip_whitespace=True)


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


class AgencyPatch(Input):
    code: Code | None = None
    nameFa: Label | None = None
    nameEn: Label | None = None
    kind: e.AgencyKind | None = None
    level: e.AgencyLevel | None = None
    contactPhone: Code | None = None
    contactEmail: EmailStr | None = None
    contactAddress: Text | None = None


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


class DutyPatch(Input):
    titleFa: Label | None = None
    titleEn: Label | None = None
    descriptionFa: Text | None = None
    descriptionEn: Text | None = None
    functionCode: FunctionCode | None = None
    beneficiaries: list[Code] | None = None
    geography: list[Code] | None = None
    legalBasis: Text | None = None


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

    @model_validator(mode="after")
    def _window(self) -> CapacityIn:
        _window_ok(self.availableFrom, self.availableTo, "availableFrom/availableTo")
        return self


class CapacityPatch(Input):
    titleFa: Label | None = None
    titleEn: Label | None = None
    descriptionFa: Text | None = None
    descriptionEn: Text | None = None
    kind: e.ResourceKind | None = None
    quantity: Quantity | None = None
    unit: Label | None = None
    location: Text | None = None
    availableFrom: IsoDate | None = None
    availableTo: IsoDate | None = None
    costRials: Rials | None = None


class NeedIn(_Resource):
    id: EntityId | None = None
    agencyId: EntityId
    neededFrom: IsoDate | None = None
    neededTo: IsoDate | None = None
    valueRials: Rials | None = None

    @model_validator(mode="after")
    def _window(self) -> NeedIn:
        _window_ok(self.neededFrom, self.neededTo, "neededFrom/neededTo")
        return self


class NeedPatch(Input):
    titleFa: Label | None = None
    titleEn: Label | None = None
    descriptionFa: Text | None = None
    descriptionEn: Text | None = None
    kind: e.ResourceKind | None = None
    quantity: Quantity | None = None
    unit: Label | None = None
    location: Text | None = None
    neededFrom: IsoDate | None = None
    neededTo: IsoDate | None = None
    valueRials: Rials | None = None


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


class IssuePatch(Input):
    titleFa: Label | None = None
    titleEn: Label | None = None
    descriptionFa: Text | None = None
    descriptionEn: Text | None = None
    category: e.IssueCategory | None = None
    severity: e.Severity | None = None
    status: e.IssueStatus | None = None


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

    @model_validator(mode="after")
    def _money(self) -> ExchangeIn:
        if self.kind == e.ExchangeKind.FINANCIAL.value and self.amountRials is None:
            raise ValueError("amountRials: a financial exchange needs an amount in rials")
        if self.providerId == self.receiverId:
            raise ValueError("receiverId: provider and receiver must be different agencies")
        return self


class ExchangePatch(Input):
    titleFa: Label | None = None
    titleEn: Label | None = None
    descriptionFa: Text | None = None
    amountRials: Rials | None = None
    date: IsoDate | None = None
    status: e.ExchangeStatus | None = None
    contractRef: Code | None = None


class RequestIn(Input):
    id: EntityId | None = None
    senderId: EntityId
    receiverId: EntityId
    aboutId: EntityId | None = None
    subject: Label
    body: Text | None = None
    dueDate: IsoDate | None = None
    filedOn: IsoDate | None = None

    @model_validator(mode="after")
    def _parties(self) -> RequestIn:
        if self.senderId == self.receiverId:
            raise ValueError("receiverId: a request goes to another agency")
        return self


class RequestPatch(Input):
    subject: Label | None = None
    body: Text | None = None
    dueDate: IsoDate | None = None


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


class WorkingGroupPatch(Input):
    nameFa: Label | None = None
    nameEn: Label | None = None
    mandateFa: Text | None = None
    mandateEn: Text | None = None
