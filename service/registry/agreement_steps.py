"""Orders, deliveries and payments under an agreement, each taken by one side and answered by the
other (G-Invoicing: order → performance → settlement, each confirmed by both parties)."""

from __future__ import annotations

from typing import Any

from service.domain.actor import Actor
from service.domain.agreement import KIND_FA, NEEDS_REASON, OPEN, STATUS_FA, STEPS, StepIn, side_ids
from service.domain.enums import AgreementStatus as A, StepKind, StepStatus as S
from service.errors import ServiceError, not_found
from service.registry.agreements import acting_for, illegal, publish, write
from service.registry.clock import new_id, now_iso
from service.registry.repository import Repository, public
from service.registry.specs import AGREEMENT, EXCHANGE
from service.storage.port import Row


async def load_steps(repo: Repository, ids: list[str]) -> dict[str, list[Row]]:
    """The steps under each agreement the reader may read (others: nothing, as if none)."""
    readable = await repo.get_many(AGREEMENT, ids)
    grouped: dict[str, list[Row]] = {}
    if readable:
        for row in await repo.store.read("agreement/steps", {"ids": sorted(readable)}):
            grouped.setdefault(row["key"], []).append(row["node"])
    return grouped


def ready_to(to: A, steps: list[Row]) -> None:
    """COMPLETED needs a delivery accepted and nothing ordered or delivered awaiting an answer;
    SETTLED needs a payment confirmed and none awaiting confirmation."""
    kinds = (StepKind.ORDER.value, StepKind.PERFORMANCE.value) if to == A.COMPLETED else (StepKind.SETTLEMENT.value,)
    done = S.ACCEPTED.value if to == A.COMPLETED else S.CONFIRMED.value
    target = StepKind.PERFORMANCE.value if to == A.COMPLETED else StepKind.SETTLEMENT.value
    waiting = [s for s in steps if s["kind"] in kinds and s["status"] in {x.value for x in OPEN}]
    if waiting:
        raise illegal(f"{waiting[0]['kind']} {waiting[0]['id']} still awaits an answer",
                      f"{KIND_FA[waiting[0]['kind']]} «{waiting[0]['id']}» هنوز پاسخ نگرفته است", details={"waiting": [s["id"] for s in waiting]})  # fmt: skip
    if not any(s["kind"] == target and s["status"] == done for s in steps):
        what = ("no delivery has been accepted", "هنوز هیچ تحویلی پذیرفته نشده است") if to == A.COMPLETED else \
               ("no payment has been confirmed", "هنوز هیچ پرداختی تأیید نشده است")  # fmt: skip
        raise illegal(*what)


async def _check_exchange(repo: Repository, agreement: Row, exchange_id: str) -> None:
    """The exchange a step names must be readable and lie between the agreement's parties."""
    found = await repo.get_many(EXCHANGE, [exchange_id])
    if exchange_id not in found:
        raise not_found("Exchange", exchange_id, "exchangeId")
    ex, members = found[exchange_id], set(agreement.get("providerIds") or []) | set(agreement.get("receiverIds") or [])
    if not {ex["providerId"], ex["receiverId"]} <= members:
        raise ServiceError("INVALID_REFERENCE", "the exchange is not between this agreement's parties",
                           "این مبادله میان طرف‌های این قرارداد نیست", field="exchangeId")  # fmt: skip


async def add_step(repo: Repository, ident: str, data: StepIn, actor: Actor, today: str, for_agency_id: str | None = None,
                   expected_version: int | None = None) -> tuple[Row, Row]:  # fmt: skip
    """Place an order (receiver), report a delivery (provider) or record a payment (payer)."""
    agreement = await repo.get(AGREEMENT, ident)
    kind = StepKind(data.kind)
    rule = STEPS[kind]
    who = acting_for(agreement, rule.by, actor, for_agency_id)
    if A(agreement["status"]) not in rule.during:
        allowed = " or ".join(sorted(s.value for s in rule.during))
        now = STATUS_FA[agreement["status"]]
        raise illegal(f"a {kind.value} needs the agreement {allowed}; it is {agreement['status']}",
                      f"{KIND_FA[kind.value]} فقط در قرارداد «{STATUS_FA['active']}» ثبت می‌شود؛ این قرارداد «{now}» است")  # fmt: skip
    if data.exchangeId:
        await _check_exchange(repo, agreement, data.exchangeId)
    answer_side = next(iter(rule.answers.values()))
    fields = data.model_dump(exclude_none=True)
    props: dict[str, Any] = {**fields, "status": rule.opens.value, "on": data.on or today, "at": now_iso(), "by": actor.name,
                             "byAgencyId": who, "answerIds": side_ids(agreement, answer_side), "version": 1}  # fmt: skip
    step_id = new_id("as")
    params = {"stepId": step_id, "props": props, "during": [s.value for s in rule.during], "refId": data.refId,
              "refKind": rule.refers_to.value if rule.refers_to else None}  # fmt: skip
    rows = await write(repo, "agreement/add_step", ident, params, agreement, expected_version, f"{kind.value}_{rule.opens.value}",
                       {"step": step_id, **fields})  # fmt: skip
    if not rows:
        if data.refId:
            want = KIND_FA[rule.refers_to.value] if rule.refers_to else ""
            raise ServiceError("INVALID_REFERENCE", f"refId must name an accepted {rule.refers_to.value if rule.refers_to else ''} of this agreement",
                               f"refId باید {want} پذیرفته‌شدهٔ همین قرارداد باشد", field="refId")  # fmt: skip
        raise illegal("the agreement moved meanwhile", "قرارداد در این میان تغییر کرد")
    row, step = public(rows[0]["node"]), rows[0]["step"]
    publish(repo, f"{kind.value}_{rule.opens.value}", row, step)
    return row, step


async def answer_step(repo: Repository, ident: str, step_id: str, answer: S, actor: Actor, on: str,
                      reason: str | None = None, for_agency_id: str | None = None,
                      expected_version: int | None = None) -> tuple[Row, Row]:  # fmt: skip
    """Accept or decline an order (provider), accept or dispute a delivery (receiver), confirm or
    dispute a payment (payee); declining and disputing need a reason."""
    agreement = await repo.get(AGREEMENT, ident)
    step = next((s for s in (await load_steps(repo, [ident])).get(ident, []) if s["id"] == step_id), None)
    if step is None:
        raise not_found("AgreementStep", step_id, "stepId")
    kind = StepKind(step["kind"])
    rule = STEPS[kind]
    side = rule.answers.get(answer)
    if side is None or S(step["status"]) not in OPEN:
        options = [a.value for a in rule.answers] if S(step["status"]) in OPEN else []
        raise illegal(f"a {step['status']} {kind.value} cannot become {answer.value}; allowed: {', '.join(options) or 'none (answered)'}",
                      f"{KIND_FA[kind.value]} «{STATUS_FA[step['status']]}» نمی‌تواند «{STATUS_FA[answer.value]}» شود",
                      details={"from": step["status"], "to": answer.value, "allowed": options})  # fmt: skip
    who = acting_for(agreement, side, actor, for_agency_id)
    if answer in NEEDS_REASON and not (reason or "").strip():
        raise ServiceError("VALIDATION", f"say why the {kind.value} is {answer.value}", "دلیل رد یا اعتراض را بنویسید", field="reason")
    if A(agreement["status"]) not in rule.during:
        raise illegal(f"the agreement is {agreement['status']}: its steps are closed",
                      f"قرارداد «{STATUS_FA[agreement['status']]}» است و گام‌هایش بسته شده‌اند")  # fmt: skip
    action = f"{kind.value}_{answer.value}"
    params = {"stepId": step_id, "fromStatus": step["status"], "toStatus": answer.value, "on": on, "by": actor.name,
              "byAgencyId": who, "reason": reason, "during": [s.value for s in rule.during]}  # fmt: skip
    rows = await write(repo, "agreement/answer_step", ident, params, agreement, expected_version, action,
                       {"step": step_id, "status": answer.value, "reason": reason})  # fmt: skip
    if not rows:
        raise illegal("the step was answered meanwhile", "این گام در این میان پاسخ گرفت", field="stepId")
    row, answered = public(rows[0]["node"]), rows[0]["step"]
    publish(repo, action, row, answered)
    return row, answered
