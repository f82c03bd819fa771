"""Agreements between agencies (G-Invoicing's agreement → order → performance → settlement):
the validated inputs and the rules of who may take which step when.

Sides: the *provider(s)* deliver, the *receiver(s)* order and accept deliveries. The *payer* is
the receiver side, except in a financial agreement, where money is what the provider gives: there
the provider side pays and the receiver side is the payee. The directorate may act for any side
(it coordinates, and records what was agreed on paper); an analyst writes nothing.
"""

from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any

from pydantic import Field, model_validator

from service.domain.enums import AgreementKind, AgreementStatus as A, StepKind, StepStatus as S
from service.domain.fields import Code, EntityId, IsoDate, Label, Rials, Text
from service.domain.models import Input, patch_of


class Side(str, Enum):
    PROVIDER = "provider"
    RECEIVER = "receiver"
    PAYER = "payer"
    PAYEE = "payee"
    PARTY = "party"  # any party to the agreement


SIDE_FA = {"provider": "ارائه‌دهنده", "receiver": "گیرنده", "payer": "پرداخت‌کننده", "payee": "دریافت‌کنندهٔ وجه",
           "party": "طرف قرارداد"}  # fmt: skip
StepKey = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_.:|/-]+$")]


class AgreementIn(Input):
    id: EntityId | None = None
    titleFa: Label
    titleEn: Label | None = None
    termsFa: Text | None = None  # the terms (GT&C) as agreed
    kind: AgreementKind
    valueRials: Rials | None = None
    periodFrom: IsoDate | None = None
    periodTo: IsoDate | None = None
    providerIds: list[EntityId] = Field(min_length=1, max_length=20)
    receiverIds: list[EntityId] = Field(min_length=1, max_length=20)
    actionId: EntityId | None = None  # the plan action it implements
    opportunityKey: StepKey | None = None  # or the win-win opportunity (its stable key)
    contractRef: Code | None = None  # the paper contract's number

    @model_validator(mode="after")
    def _sound(self) -> "AgreementIn":
        if self.periodFrom and self.periodTo and self.periodFrom > self.periodTo:
            raise ValueError("periodTo: the end is before the start")
        if set(self.providerIds) & set(self.receiverIds):
            raise ValueError("receiverIds: an agency cannot be both provider and receiver")
        if len(set(self.providerIds)) != len(self.providerIds) or len(set(self.receiverIds)) != len(self.receiverIds):
            raise ValueError("providerIds: an agency is named twice")
        if self.actionId and self.opportunityKey:
            raise ValueError("opportunityKey: an agreement implements a plan action or an opportunity, not both")
        return self


AgreementPatch = patch_of(AgreementIn, "titleFa", "titleEn", "termsFa", "valueRials", "periodFrom", "periodTo", "actionId",
                          "opportunityKey", "contractRef")  # fmt: skip


class StepIn(Input):
    """An order, a delivery report or a payment under an agreement."""

    kind: StepKind
    titleFa: Label | None = None
    descriptionFa: Text | None = None
    valueRials: Rials | None = None
    on: IsoDate | None = None  # the day it happened (Jalali or ISO); today when left out
    dueDate: IsoDate | None = None  # an order's delivery date
    refId: EntityId | None = None  # the order a delivery fulfils, the delivery a payment settles
    exchangeId: EntityId | None = None  # the exchange that records the payment or the delivery

    @model_validator(mode="after")
    def _sound(self) -> "StepIn":
        if self.kind == StepKind.SETTLEMENT.value and self.valueRials is None:
            raise ValueError("valueRials: a payment needs its amount in rials")
        if self.kind == StepKind.ORDER.value and self.refId:
            raise ValueError("refId: an order refers to nothing before it")
        return self


@dataclass(frozen=True)
class StepRule:
    opens: S  # the status a new step of this kind has
    by: Side  # who takes it
    answers: dict[S, Side]  # how it may be answered, and by whom
    during: frozenset[A]  # the agreement statuses it may be taken in
    refers_to: StepKind | None  # what ``refId`` must name (accepted), if given


_LIVE = frozenset({A.ACTIVE})
STEPS: dict[StepKind, StepRule] = {
    StepKind.ORDER: StepRule(S.PLACED, Side.RECEIVER, {S.ACCEPTED: Side.PROVIDER, S.DECLINED: Side.PROVIDER}, _LIVE, None),
    StepKind.PERFORMANCE: StepRule(S.REPORTED, Side.PROVIDER, {S.ACCEPTED: Side.RECEIVER, S.DISPUTED: Side.RECEIVER},
                                   _LIVE, StepKind.ORDER),
    StepKind.SETTLEMENT: StepRule(S.RECORDED, Side.PAYER, {S.CONFIRMED: Side.PAYEE, S.DISPUTED: Side.PAYEE},
                                  frozenset({A.ACTIVE, A.COMPLETED}), StepKind.PERFORMANCE),
}  # fmt: skip
OPEN = frozenset({S.PLACED, S.REPORTED, S.RECORDED})
NEEDS_REASON = frozenset({S.DECLINED, S.DISPUTED})
# the name a step awaiting an answer goes by (cypher/agreement/steps_awaiting.cypher, the notifier)
AWAITING = {S.PLACED: "order_placed", S.REPORTED: "performance_reported", S.RECORDED: "settlement_recorded"}

# moves of the agreement itself (signing is its own step: every party signs, the last makes it SIGNED)
MOVES: dict[A, dict[A, Side]] = {
    A.DRAFT: {A.TERMINATED: Side.PARTY},
    A.SIGNED: {A.ACTIVE: Side.PARTY, A.TERMINATED: Side.PARTY},
    A.ACTIVE: {A.COMPLETED: Side.RECEIVER, A.TERMINATED: Side.PARTY},
    A.COMPLETED: {A.SETTLED: Side.PAYEE},
    A.SETTLED: {},
    A.TERMINATED: {},
}

STATUS_FA = {"draft": "پیش‌نویس", "signed": "امضاشده", "active": "در حال اجرا", "completed": "انجام‌شده",
             "settled": "تسویه‌شده", "terminated": "فسخ‌شده", "placed": "ثبت‌شده", "reported": "گزارش‌شده",
             "recorded": "ثبت‌شده", "accepted": "پذیرفته", "declined": "ردشده", "disputed": "مورد اعتراض",
             "confirmed": "تأییدشده"}  # fmt: skip
KIND_FA = {"order": "سفارش", "performance": "تحویل", "settlement": "پرداخت"}


def side_ids(agreement: dict[str, Any], side: Side) -> list[str]:
    """The agencies on one side of an agreement (stored rows carry providerIds and receiverIds)."""
    providers, receivers = list(agreement.get("providerIds") or []), list(agreement.get("receiverIds") or [])
    financial = agreement.get("kind") == AgreementKind.FINANCIAL.value
    if side == Side.PROVIDER:
        return providers
    if side == Side.RECEIVER:
        return receivers
    if side == Side.PAYER:
        return providers if financial else receivers
    if side == Side.PAYEE:
        return receivers if financial else providers
    return providers + receivers


def is_late(agreement: dict[str, Any], steps: list[dict[str, Any]], today: str) -> bool:
    """Behind: signed or active past its period's end, or an order past its due day with no
    delivery accepted for it (the steps are the agreement's, as stored)."""
    if agreement.get("status") not in (A.ACTIVE.value, A.SIGNED.value):
        return False
    if agreement.get("periodTo") and agreement["periodTo"] < today:
        return True
    delivered = {s.get("refId") for s in steps if s["kind"] == StepKind.PERFORMANCE.value and s["status"] == S.ACCEPTED.value}
    return any(s["kind"] == StepKind.ORDER.value and s["status"] in (S.PLACED.value, S.ACCEPTED.value) and s.get("dueDate")
               and s["dueDate"] < today and s["id"] not in delivered for s in steps)  # fmt: skip
