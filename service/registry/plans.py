"""Coordination plans (issue #18.1): a plan's header, its status moves and its approval chain.

A plan is drafted, proposed, approved up a chain of bodies (by default the working group, the
coordination council and the city council, as seed 001's plan is approved), run and closed. The
chain is fixed on the plan when it is made (the setting's, or one the directorate gives), so a plan
in flight keeps the chain it was proposed under. Each step records who, when and why, in order; the
last step approves the plan. Only the directorate writes plans (or, for an approval step, the role
that step names); every signed-in reader reads a plan's header (its actions are read per owner:
``service/registry/plan_actions.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from service.domain.actor import Actor, Role
from service.domain.enums import PlanStatus as P
from service.domain.models import PlanIn
from service.domain.workflow import PLAN_MOVES
from service.errors import ServiceError, version_conflict
from service.registry.clock import new_id
from service.registry.repository import Repository
from service.registry.specs import PLAN
from service.storage.port import Row

DEFAULT_CHAIN = ("working_group", "coordination_council", "city_council")
STEP_WORDS: dict[str, tuple[str, str]] = {
    "working_group": ("کارگروه", "working group"),
    "coordination_council": ("شورای هماهنگی", "coordination council"),
    "city_council": ("شورای اسلامی شهر", "city council"),
    "directorate": ("دبیرخانهٔ هماهنگی", "coordination directorate"),
}
STATUS_FA = {"draft": "پیش‌نویس", "proposed": "پیشنهادشده", "approved": "تصویب‌شده", "active": "در حال اجرا", "closed": "بسته‌شده"}


@dataclass(frozen=True)
class Step:
    """One body of a plan's approval chain and the role that may record its approval."""

    key: str
    role: Role

    @classmethod
    def parse(cls, text: str) -> Step:
        key, _, role = text.partition(":")
        return cls(key, Role(role or Role.DIRECTORATE.value))

    @property
    def label_fa(self) -> str:
        return STEP_WORDS.get(self.key, (self.key.replace("_", " "), ""))[0]

    @property
    def label_en(self) -> str:
        return STEP_WORDS.get(self.key, ("", self.key.replace("_", " ")))[1]


def chain_of(plan: Row) -> list[Step]:
    return [Step.parse(s) for s in plan.get("approvalChain") or DEFAULT_CHAIN]


def directorate_only(actor: Actor) -> None:
    if actor.role != Role.DIRECTORATE:
        raise ServiceError("FORBIDDEN", "only the coordination directorate writes coordination plans",
                           "برنامهٔ هماهنگی را فقط دبیرخانهٔ هماهنگی می‌نویسد", status=403)  # fmt: skip


async def create_plan(repo: Repository, actor: Actor, data: PlanIn, chain: tuple[str, ...] = DEFAULT_CHAIN,
                      idempotency_key: str | None = None) -> Row:  # fmt: skip
    """A draft plan; its approval chain is the input's, else ``chain`` (the setting)."""
    directorate_only(actor)
    extra = {"status": P.DRAFT.value, "approvalsDone": 0}
    if data.approvalChain is None:
        extra["approvalChain"] = list(chain)
    return await repo.create(PLAN, data, extra=extra, idempotency_key=idempotency_key)


async def update_plan(repo: Repository, actor: Actor, plan_id: str, changes: dict[str, object], expected_version: int | None) -> Row:
    """Edit the header; the period is checked whole (a new end before the stored start is refused)."""
    directorate_only(actor)
    current = await repo.get(PLAN, plan_id, field="id")
    if current["status"] == P.CLOSED.value:
        raise plan_closed(plan_id)
    start, end = changes.get("fromYear", current["fromYear"]), changes.get("toYear", current["toYear"])
    if int(str(start)) > int(str(end)):
        raise ServiceError("VALIDATION", "toYear: the plan ends before it starts", "سال پایان برنامه پیش از سال آغاز آن است",
                           field="toYear")  # fmt: skip
    return await repo.update(PLAN, plan_id, changes, expected_version, current)


def plan_closed(plan_id: str) -> ServiceError:
    return ServiceError("PLAN_CLOSED", f"plan {plan_id!r} is closed: nothing in it changes any more",
                        "این برنامه بسته شده است و دیگر چیزی در آن تغییر نمی‌کند", field="planId", status=409)  # fmt: skip


def _illegal(current: str, target: str, allowed: list[str]) -> ServiceError:
    hint = " (a proposed plan is approved by its approval chain: approvePlanStep)" if target == P.APPROVED.value else ""
    return ServiceError(
        "ILLEGAL_TRANSITION", f"a {current} plan cannot become {target}; allowed: {', '.join(allowed) or 'none'}{hint}",
        f"برنامهٔ «{STATUS_FA[current]}» نمی‌تواند «{STATUS_FA[target]}» شود"
        + ("؛ برنامهٔ پیشنهادشده با گام‌های زنجیرهٔ تصویب تصویب می‌شود" if hint else ""),
        field="status", status=422, details={"from": current, "to": target, "allowed": allowed},
    )  # fmt: skip


async def move_plan(repo: Repository, actor: Actor, plan_id: str, to: P, comment: str | None = None,
                    expected_version: int | None = None) -> Row:  # fmt: skip
    """draft → proposed, approved → active, active → closed; each kept in the plan's history."""
    directorate_only(actor)
    current = await repo.get(PLAN, plan_id, field="id")
    status = P(current["status"])
    if P(to) not in PLAN_MOVES[status]:
        raise _illegal(status.value, P(to).value, sorted(s.value for s in PLAN_MOVES[status]))
    params = {"fromStatus": status.value, "toStatus": P(to).value, "stepId": new_id("pt"), "by": actor.name,
              "byRole": actor.role.value, "comment": comment}  # fmt: skip
    row = await repo.guarded_write(PLAN, plan_id, "plan/transition", params, expected_version, current,
                                   action="transition", audit_after={"status": P(to).value, "comment": comment})  # fmt: skip
    if row is None:
        raise version_conflict("Plan", plan_id, current["version"])
    return row


async def approve_step(repo: Repository, actor: Actor, plan_id: str, step: str | None = None, comment: str | None = None,
                       expected_version: int | None = None) -> Row:  # fmt: skip
    """Record the next approval step of a proposed plan (``step``, when given, must be that next
    one: steps go in order); the role the step names records it. The last step approves the plan."""
    current = await repo.get(PLAN, plan_id, field="id")
    chain = chain_of(current)
    done = int(current.get("approvalsDone") or 0)
    if current["status"] != P.PROPOSED.value or done >= len(chain):
        raise ServiceError(
            "NOT_PROPOSED", f"plan {plan_id!r} is {current['status']}: only a proposed plan goes up its approval chain",
            f"این برنامه «{STATUS_FA[current['status']]}» است؛ فقط برنامهٔ پیشنهادشده در زنجیرهٔ تصویب پیش می‌رود",
            field="status", status=409,
        )  # fmt: skip
    nxt = chain[done]
    if step is not None and step != nxt.key:
        raise ServiceError(
            "OUT_OF_ORDER", f"the next approval step is {nxt.key!r}, not {step!r}: steps are recorded in order",
            f"گام بعدی تصویب «{nxt.label_fa}» است، نه «{STEP_WORDS[step][0] if step in STEP_WORDS else step}»؛ گام‌ها به ترتیب ثبت می‌شوند",
            field="step", status=409, details={"next": nxt.key},
        )  # fmt: skip
    if actor.role != nxt.role:
        raise ServiceError(
            "FORBIDDEN", f"the {nxt.key} step is recorded by the {nxt.role.value} role (you are {actor.role.value})",
            f"گام «{nxt.label_fa}» را فقط نقش مسئول آن ثبت می‌کند", status=403,
        )  # fmt: skip
    final = done + 1 == len(chain)
    params = {"fromStatus": P.PROPOSED.value, "toStatus": P.APPROVED.value, "position": done, "final": final,
              "step": nxt.key, "approvalId": new_id("ap"), "stepId": new_id("pt"), "by": actor.name,
              "byRole": actor.role.value, "comment": comment}  # fmt: skip
    row = await repo.guarded_write(PLAN, plan_id, "plan/approve", params, expected_version, current, action="approve",
                                   audit_after={"approval": nxt.key, "position": done, "comment": comment})  # fmt: skip
    if row is None:  # the count moved while the version did not: cannot happen, say so anyway
        raise version_conflict("Plan", plan_id, current["version"])
    return row


async def list_plans(repo: Repository, status: P | None = None, include_archived: bool = False) -> list[Row]:
    rows = await repo.store.read("plan/list", {"status": P(status).value if status else None, "includeArchived": include_archived})
    return [{k: v for k, v in r["node"].items() if k != "search"} for r in rows]


async def histories(repo: Repository, query: str, ids: list[str]) -> dict[str, list[Row]]:
    """``plan/steps``, ``plan/approvals`` or ``plan_action/steps`` grouped by record id (the caller
    passes only ids the reader may read)."""
    grouped: dict[str, list[Row]] = {i: [] for i in ids}
    if ids:
        for row in await repo.store.read(query, {"ids": list(ids)}):
            grouped.setdefault(row["key"], []).append(row["node"])
    return grouped
