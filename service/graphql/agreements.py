"""GraphQL over agreements: the list and lookups (through the reader's view: an agency sees only
the agreements it is a party to), totals by kind and Jalali year, and one mutation per step."""

import strawberry
from strawberry.experimental.pydantic import input as pydantic_input
from strawberry.types import Info

from service.domain.agreement import AgreementIn, AgreementPatch as AgreementPatchModel, StepIn
from service.domain.enums import AgreementKind as KindEnum, AgreementStatus as StatusEnum, StepKind as StepKindEnum
from service.errors import ServiceError
from service.graphql.filters import SORTS, filter_params
from service.graphql.pagination import Connection, connection, decode_cursor, page_size
from service.graphql.types.agreement import Agreement, AgreementStep, AgreementTotal, today_of
from service.graphql.types.common import AgreementKind, AgreementStatus, Rials, StepStatus, from_row
from service.registry import agreement_steps as steps, agreements as a
from service.registry.agreement_totals import agreement_totals as totals_of
from service.registry.specs import AGREEMENT
from service.text.jalali import DateError, business_date

AgreementSort = SORTS["agreement"]


@pydantic_input(model=AgreementIn, all_fields=True, description="A draft agreement; parties sign it next (signAgreement)")
class AgreementInput:
    valueRials: Rials | None = None


@pydantic_input(model=AgreementPatchModel, all_fields=True, description="Terms of a draft no party has signed yet")
class AgreementPatch:
    valueRials: Rials | None = None


@strawberry.input(description="An order, a delivery report or a payment")
class AgreementStepInput:
    title_fa: str | None = None
    description_fa: str | None = None
    value_rials: Rials | None = strawberry.field(default=None, description="Required for a payment")
    on: str | None = strawberry.field(default=None, description="The day it happened, Jalali or ISO (default: today)")
    due_date: str | None = strawberry.field(default=None, description="An order's delivery date, Jalali or ISO")
    ref_id: strawberry.ID | None = strawberry.field(default=None, description="The accepted order a delivery fulfils, the accepted delivery a payment settles")
    exchange_id: strawberry.ID | None = strawberry.field(default=None, description="The exchange recording it")


@strawberry.input
class AgreementFilter:
    kind: AgreementKind | None = None
    status: AgreementStatus | None = None
    party_id: strawberry.ID | None = strawberry.field(default=None, description="Agreements this agency is a party to")
    from_: str | None = strawberry.field(default=None, name="from", description="Concluded on or after (Jalali or ISO)")
    to: str | None = None
    jalali_year: int | None = strawberry.field(default=None, description="Concluded in this Jalali year, e.g. 1404; sets from/to")
    q: str | None = None
    include_archived: bool = False


@strawberry.type(description="A step under an agreement, with the agreement as it is after it")
class AgreementStepResult:
    agreement: Agreement
    step: AgreementStep


def _day(value: str | None, field: str, info: Info) -> str:
    if not value:
        return today_of(info)
    try:
        return business_date(value).isoformat()
    except (DateError, ValueError) as exc:
        raise ServiceError("VALIDATION", str(exc), "تاریخ نادرست است (نمونه: ۱۴۰۵/۰۹/۰۹)", field=field) from None


async def agreement(info: Info, id: strawberry.ID) -> Agreement | None:
    """null for a missing agreement and one the reader is no party to alike."""
    row = await info.context.loaders.entity(AGREEMENT).load(str(id))
    return from_row(Agreement, row) if row else None


async def agreements(info: Info, filter: AgreementFilter | None = None, sort: AgreementSort | None = None,  # type: ignore[valid-type]
                     desc: bool = False, first: int | None = None, after: str | None = None) -> Connection[Agreement]:  # fmt: skip
    settings = info.context.settings
    size = page_size(first, settings.default_page_size, settings.max_page_size)
    params, q, archived = filter_params(filter, today_of(info))
    repo = info.context.repo
    skip = decode_cursor(after)
    key = sort.value if sort is not None else "created"
    rows = await repo.page(AGREEMENT, filters=params, q=q, include_archived=archived, sort=key, desc=desc, skip=skip, limit=size + 1)

    async def count() -> int:
        return int(await repo.count(AGREEMENT, filters=params, q=q, include_archived=archived))

    return connection([from_row(Agreement, r) for r in rows], skip, size, count)


async def agreement_totals(info: Info) -> list[AgreementTotal]:
    """Concluded agreements per kind and Jalali year of signing: seed 004's "17 innovative contracts
    in 1404" is the INNOVATIVE_CONTRACT row of 1404."""
    rows = await totals_of(info.context.repo)
    return [AgreementTotal(kind=KindEnum(r["kind"]), jalali_year=r["jalaliYear"], count=r["count"], value_rials=r["valueRials"])
            for r in rows]  # fmt: skip


@strawberry.type
class AgreementMutations:
    """Mixed into the Mutation root."""

    @strawberry.mutation(description="Record a draft agreement (an agency: only one it is a party to)")
    async def create_agreement(self, info: Info, input: AgreementInput, idempotency_key: str | None = None) -> Agreement:
        row = await a.create_agreement(info.context.repo, input.to_pydantic(), info.context.actor, idempotency_key)
        return from_row(Agreement, row)

    @strawberry.mutation(description="Change the terms of a draft no party has signed yet")
    async def update_agreement(self, info: Info, id: strawberry.ID, input: AgreementPatch, expected_version: int | None = None) -> Agreement:
        changes = input.to_pydantic().model_dump(exclude_none=True)
        return from_row(Agreement, await a.update_agreement(info.context.repo, str(id), changes, info.context.actor, expected_version))

    @strawberry.mutation(description="Sign as a party (the directorate names the party it signs for); the last signature makes it SIGNED")
    async def sign_agreement(self, info: Info, id: strawberry.ID, on: str | None = None, for_agency_id: strawberry.ID | None = None,
                             expected_version: int | None = None) -> Agreement:  # fmt: skip
        row = await a.sign_agreement(info.context.repo, str(id), info.context.actor, _day(on, "on", info),
                                     for_agency_id and str(for_agency_id), expected_version)  # fmt: skip
        return from_row(Agreement, row)

    @strawberry.mutation(description="Activate (a party), complete (a receiver), settle (the payee) or terminate (a party, with a reason)")
    async def move_agreement(self, info: Info, id: strawberry.ID, to: AgreementStatus, comment: str | None = None, on: str | None = None,
                             for_agency_id: strawberry.ID | None = None, expected_version: int | None = None) -> Agreement:  # fmt: skip
        row = await a.move_agreement(info.context.repo, str(id), StatusEnum(to), info.context.actor, _day(on, "on", info), comment,
                                     for_agency_id and str(for_agency_id), expected_version)  # fmt: skip
        return from_row(Agreement, row)

    @strawberry.mutation(description="Place an order under an active agreement (a receiver)")
    async def place_order(self, info: Info, agreement_id: strawberry.ID, input: AgreementStepInput, for_agency_id: strawberry.ID | None = None,
                          expected_version: int | None = None) -> AgreementStepResult:  # fmt: skip
        return await _add(info, agreement_id, StepKindEnum.ORDER, input, for_agency_id, expected_version)

    @strawberry.mutation(description="Report a delivery (performance) under an active agreement (a provider)")
    async def report_delivery(self, info: Info, agreement_id: strawberry.ID, input: AgreementStepInput,
                              for_agency_id: strawberry.ID | None = None, expected_version: int | None = None) -> AgreementStepResult:  # fmt: skip
        return await _add(info, agreement_id, StepKindEnum.PERFORMANCE, input, for_agency_id, expected_version)

    @strawberry.mutation(description="Record a payment (settlement) under an active or completed agreement (the payer)")
    async def record_payment(self, info: Info, agreement_id: strawberry.ID, input: AgreementStepInput,
                             for_agency_id: strawberry.ID | None = None, expected_version: int | None = None) -> AgreementStepResult:  # fmt: skip
        return await _add(info, agreement_id, StepKindEnum.SETTLEMENT, input, for_agency_id, expected_version)

    @strawberry.mutation(description="Answer a step: ACCEPTED/DECLINED an order (provider), ACCEPTED/DISPUTED a delivery (receiver), "
                         "CONFIRMED/DISPUTED a payment (payee); declining and disputing need a reason")  # fmt: skip
    async def answer_agreement_step(self, info: Info, agreement_id: strawberry.ID, step_id: strawberry.ID, answer: StepStatus,
                                    reason: str | None = None, on: str | None = None, for_agency_id: strawberry.ID | None = None,
                                    expected_version: int | None = None) -> AgreementStepResult:  # fmt: skip
        row, step = await steps.answer_step(info.context.repo, str(agreement_id), str(step_id), answer, info.context.actor,
                                            _day(on, "on", info), reason, for_agency_id and str(for_agency_id), expected_version)  # fmt: skip
        return AgreementStepResult(agreement=from_row(Agreement, row), step=from_row(AgreementStep, step))


async def _add(info: Info, agreement_id: strawberry.ID, kind: StepKindEnum, data: AgreementStepInput,
               for_agency_id: strawberry.ID | None, expected_version: int | None) -> AgreementStepResult:  # fmt: skip
    """A pydantic refusal here is answered as VALIDATION by the schema's error hook."""
    step_in = StepIn.model_validate({"kind": kind.value, "titleFa": data.title_fa, "descriptionFa": data.description_fa,
                                     "valueRials": data.value_rials, "on": data.on, "dueDate": data.due_date,
                                     "refId": data.ref_id and str(data.ref_id), "exchangeId": data.exchange_id and str(data.exchange_id)})  # fmt: skip
    row, step = await steps.add_step(info.context.repo, str(agreement_id), step_in, info.context.actor, today_of(info),
                                     for_agency_id and str(for_agency_id), expected_version)  # fmt: skip
    return AgreementStepResult(agreement=from_row(Agreement, row), step=from_row(AgreementStep, step))
