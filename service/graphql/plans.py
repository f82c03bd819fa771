"""GraphQL entry points of coordination plans: the queries and the mutations (issue #18.1).

Every read goes through the request's Repository (an agency reads plan headers and only the actions
it owns; another's action is null / NOT_FOUND like a missing one); every write through
``service/registry/plans.py`` and ``plan_actions.py``, which hold the rules.
"""

from typing import Any

import strawberry
from strawberry.experimental.pydantic import input as pydantic_input
from strawberry.types import Info

from service.analysis.plan_sources import action_from
from service.domain import models as m
from service.domain.models import PlanActionPatch as PlanActionPatchModel, PlanPatch as PlanPatchModel
from service.graphql.types.common import Rials, from_row
from service.graphql.types.plan import ActionOption, ActionSource, ActionStatus, CoordinationPlan, PlanAction, PlanStatus
from service.registry import plan_actions, plans as rules
from service.registry.clock import today_iso
from service.registry.specs import PLAN, PLAN_ACTION


@pydantic_input(model=m.PlanIn, all_fields=True, description="Years are Jalali (1404); approvalChain: null takes the setting's")
class PlanInput:
    pass


@pydantic_input(model=PlanPatchModel, all_fields=True)
class PlanPatch:
    pass


@pydantic_input(model=m.PlanActionIn, all_fields=True, description="dueDate: 1405/03/31 (Jalali) or 2026-06-21")
class PlanActionInput:
    budgetRials: Rials | None = None
    expectedSavingRials: Rials | None = None
    expectedBenefitRials: Rials | None = None


@pydantic_input(model=PlanActionPatchModel, all_fields=True)
class PlanActionPatch:
    budgetRials: Rials | None = None
    expectedSavingRials: Rials | None = None
    expectedBenefitRials: Rials | None = None


def _plan(row: dict[str, Any]) -> CoordinationPlan:
    return from_row(CoordinationPlan, row)


async def plans(info: Info, status: PlanStatus | None = None, include_archived: bool = False) -> list[CoordinationPlan]:
    return [_plan(r) for r in await rules.list_plans(info.context.repo, status, include_archived)]


async def plan(info: Info, id: strawberry.ID) -> CoordinationPlan | None:
    found = await info.context.repo.get_many(PLAN, [str(id)])
    return _plan(found[str(id)]) if str(id) in found else None


async def plan_action(info: Info, id: strawberry.ID) -> PlanAction | None:
    found = await info.context.repo.get_many(PLAN_ACTION, [str(id)])
    return from_row(PlanAction, found[str(id)]) if str(id) in found else None


async def plan_actions_list(info: Info, status: ActionStatus | None = None, owner_id: strawberry.ID | None = None,
                            late: bool | None = None, source_kind: ActionSource | None = None,
                            include_closed: bool = False) -> list[PlanAction]:  # fmt: skip
    found = [p for p in await rules.list_plans(info.context.repo) if include_closed or p["status"] != "closed"]
    grouped = await plan_actions.actions_of(info.context.repo, [p["id"] for p in found]) if found else {}
    rows = [a for p in found for a in grouped.get(p["id"], [])]
    picked = plan_actions.pick(rows, today_iso(), status, owner_id and str(owner_id), late, source_kind.value if source_kind else None)
    return [from_row(PlanAction, r) for r in sorted(picked, key=lambda r: (str(r.get("dueDate") or "9999"), r["id"]))]


async def create_plan(info: Info, input: PlanInput, idempotency_key: str | None = None) -> CoordinationPlan:
    chain = tuple(info.context.settings.plan_approval_chain)
    return _plan(await rules.create_plan(info.context.repo, info.context.actor, input.to_pydantic(), chain, idempotency_key))


async def update_plan(info: Info, id: strawberry.ID, input: PlanPatch, expected_version: int | None = None) -> CoordinationPlan:
    changes = input.to_pydantic().model_dump(exclude_none=True)
    return _plan(await rules.update_plan(info.context.repo, info.context.actor, str(id), changes, expected_version))


async def move_plan(info: Info, id: strawberry.ID, to: PlanStatus, comment: str | None = None,
                    expected_version: int | None = None) -> CoordinationPlan:  # fmt: skip
    return _plan(await rules.move_plan(info.context.repo, info.context.actor, str(id), to, comment, expected_version))


async def approve_plan_step(info: Info, id: strawberry.ID, step: str | None = None, comment: str | None = None,
                            expected_version: int | None = None) -> CoordinationPlan:  # fmt: skip
    return _plan(await rules.approve_step(info.context.repo, info.context.actor, str(id), step, comment, expected_version))


async def add_plan_action(info: Info, input: PlanActionInput, idempotency_key: str | None = None) -> PlanAction:
    row = await plan_actions.add_action(info.context.repo, info.context.actor, input.to_pydantic(), idempotency_key)
    return from_row(PlanAction, row)


async def add_plan_action_from(info: Info, plan_id: strawberry.ID, source_kind: ActionSource, source_ref: str,
                               option: ActionOption | None = None, due_date: str | None = None, title_fa: str | None = None,
                               budget_rials: Rials | None = None, idempotency_key: str | None = None) -> PlanAction:  # fmt: skip
    given = {"option": option.value if option else None, "dueDate": due_date, "titleFa": title_fa, "budgetRials": budget_rials}
    row = await action_from(info.context.repo, info.context.actor, info.context.settings, str(plan_id), source_kind,
                            source_ref, given, idempotency_key)  # fmt: skip
    return from_row(PlanAction, row)


async def update_plan_action(info: Info, id: strawberry.ID, input: PlanActionPatch,
                             expected_version: int | None = None) -> PlanAction:  # fmt: skip
    changes = input.to_pydantic().model_dump(exclude_none=True)
    return from_row(PlanAction, await plan_actions.update_action(info.context.repo, info.context.actor, str(id), changes, expected_version))


async def move_plan_action(info: Info, id: strawberry.ID, to: ActionStatus, comment: str | None = None,
                           realised_rials: Rials | None = None, expected_version: int | None = None) -> PlanAction:  # fmt: skip
    row = await plan_actions.move_action(info.context.repo, info.context.actor, str(id), to, comment,
                                         None if realised_rials is None else int(realised_rials), expected_version)  # fmt: skip
    return from_row(PlanAction, row)


async def report_plan_action_progress(info: Info, id: strawberry.ID, realised_rials: Rials | None = None, comment: str | None = None,
                                      expected_version: int | None = None) -> PlanAction:  # fmt: skip
    row = await plan_actions.report_progress(info.context.repo, info.context.actor, str(id),
                                             None if realised_rials is None else int(realised_rials), comment, expected_version)  # fmt: skip
    return from_row(PlanAction, row)


DESCRIPTIONS: dict[str, str] = {
    "plans": "Coordination plans, newest period first (every signed-in reader sees their headers)",
    "plan": "One coordination plan; null when it does not exist",
    "plan_action": "One plan action; null when it is missing or not yours to read",
    "plan_actions_list": "Actions of every plan not closed (includeClosed: those too) that you may read (an agency: its own), "
                         "by due date; the filters combine (late: true is the follow-up list)",
    "create_plan": "A draft coordination plan. Directorate only",
    "update_plan": "Edit a plan's header (not a closed one). Directorate only",
    "move_plan": "draft → PROPOSED, approved → ACTIVE, active → CLOSED (approval goes by approvePlanStep)",
    "approve_plan_step": "Record the next step of a proposed plan's approval chain (step: its key, to make sure); the last approves it",
    "add_plan_action": "Add an action to a plan (proposed). Directorate only",
    "add_plan_action_from": "Add an action made from a duplication finding, a win-win opportunity, a merged issue or a "
                            "request: owners and money are drawn from it (the analysis is run now); what you give overrides them",
    "update_plan_action": "Edit an action (title, option, due date, money). Directorate only",
    "move_plan_action": "Move an action one step (agreed, in progress, done, cancelled) with a comment and the money realised "
                        "so far. Owners start and finish; the directorate agrees and cancels (and may take any step)",
    "report_plan_action_progress": "Report progress on an agreed, started or done action: the money realised so far and/or a "
                                   "comment, kept in its history (owners and the directorate)",
}


def field(name: str) -> Any:
    """``Query.<name>``: the resolver of that name here, with its description."""
    return strawberry.field(resolver=globals()[name], description=DESCRIPTIONS[name])


def mutation(name: str) -> Any:
    return strawberry.mutation(resolver=globals()[name], description=DESCRIPTIONS[name])
