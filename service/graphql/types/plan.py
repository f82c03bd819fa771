"""Coordination plans in GraphQL: the plan's header, approval chain and history, its actions, the
plan matrix and the progress view. Actions come through the reader's Repository: an agency's plan
shows the header and the actions it owns, nothing else."""

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from service.domain import enums as e
from service.domain.enums import ActionStatus as AS
from service.domain.workflow import ACTION_MOVES
from service.graphql.types.common import DateTime, Rials, from_row, iso_date, jalali, load_agencies
from service.registry import plan_actions, plan_views, plans
from service.registry.clock import today_iso

if TYPE_CHECKING:
    from service.graphql.types.agency import Agency

_agency = Annotated["Agency", strawberry.lazy("service.graphql.types.agency")]
strawberry.enum(e.PlanStatus, description="draft → proposed → approved (by its approval chain) → active → closed")
strawberry.enum(e.ActionStatus, description="proposed → agreed → in progress → done, or cancelled")
strawberry.enum(e.ActionSource, description="What an action answers: a duplication finding, a win-win opportunity, a merged issue, a request")
strawberry.enum(e.ActionOption, description="GAO step 4 for a duplication finding: merge, name a lead agency, an agreement, keep as warranted")
PlanStatus = e.PlanStatus  # plain aliases, so mypy reads them as types (see types/common.py)
ActionStatus = e.ActionStatus
ActionSource = e.ActionSource
ActionOption = e.ActionOption


@strawberry.type(description="One step of a plan's or an action's history: a move or a progress report, who, when, why")
class PlanTransition:
    id: strawberry.ID
    from_status: str
    to_status: str
    at: str
    by: str
    by_role: str | None = None
    by_agency_id: strawberry.ID | None = None
    comment: str | None = None
    realised_rials: Rials | None = strawberry.field(default=None, description="money realised so far, as reported at this step")

    @strawberry.field
    def at_jalali(self) -> str | None:
        return jalali(self.at)


@strawberry.type(description="One body of a plan's approval chain: who may record it and, once recorded, who did, when and why")
class ApprovalStep:
    step: str
    label_fa: str
    label_en: str
    role: str
    position: int
    done: bool
    next: bool = strawberry.field(description="the step the plan waits for")
    by: str | None = None
    at: str | None = None
    comment: str | None = None

    @strawberry.field
    def at_jalali(self) -> str | None:
        return jalali(self.at)


@strawberry.type(description="An action of a coordination plan: what is done about a finding, by whom, by when, worth what")
class PlanAction:
    id: strawberry.ID
    plan_id: strawberry.ID
    title_fa: str
    title_en: str | None = None
    description_fa: str | None = None
    source_kind: ActionSource
    source_ref: str = strawberry.field(description="dup:<duty>:<duty>, ww-…, mi-… or a request id")
    option: ActionOption | None = None
    owner_ids: strawberry.Private[list[str]] = dataclasses.field(default_factory=list)
    status: ActionStatus = AS.PROPOSED
    due_date_iso: strawberry.Private[str | None] = None
    done_on_iso: strawberry.Private[str | None] = None
    budget_rials: Rials | None = None
    expected_saving_rials: Rials | None = None
    expected_benefit_rials: Rials | None = None
    realised_rials: Rials | None = None
    version: int = 1
    created_at: DateTime = DateTime("")
    updated_at: DateTime = DateTime("")

    @strawberry.field
    def due_date(self) -> dt.date | None:
        return iso_date(self.due_date_iso)

    @strawberry.field
    def due_date_jalali(self) -> str | None:
        return jalali(self.due_date_iso)

    @strawberry.field
    def done_on_jalali(self) -> str | None:
        return jalali(self.done_on_iso)

    @strawberry.field(description="Open and past its due date")
    def late(self) -> bool:
        return plan_actions.is_late({"status": self.status.value, "dueDate": self.due_date_iso}, today_iso())

    @strawberry.field(description="Statuses this action may move to next")
    def next_statuses(self) -> list[ActionStatus]:
        return list(ACTION_MOVES[AS(self.status)])

    @strawberry.field(name="ownerIds", description="The owner agencies' ids, sorted")
    def owner_id_list(self) -> list[strawberry.ID]:
        return [strawberry.ID(o) for o in sorted(self.owner_ids or [])]

    @strawberry.field
    async def owners(self, info: Info) -> list[_agency]:
        return await load_agencies(info, sorted(self.owner_ids or []))

    @strawberry.field(description="Every move and progress report, oldest first")
    async def history(self, info: Info) -> list[PlanTransition]:
        rows = await plans.histories(info.context.repo, "plan_action/steps", [str(self.id)])
        return [from_row(PlanTransition, r) for r in rows[str(self.id)]]


@strawberry.type(description="A cell of the plan matrix: what two agencies agreed in the plan and what it is worth")
class PlanMatrixCell:
    row_id: strawberry.ID
    col_id: strawberry.ID
    value_rials: Rials
    action_ids: list[strawberry.ID]


@strawberry.type(description="One owner agency's part of a plan's progress")
class OwnerProgress:
    agency_id: strawberry.ID
    actions: int
    done: int
    late: int
    expected_rials: Rials
    realised_rials: Rials


@strawberry.type(description="Status counts of a plan's actions")
class ActionStatusCount:
    status: ActionStatus
    count: int


@strawberry.type(description="How far a plan is: actions late and done, money realised against money expected")
class PlanProgress:
    total: int
    done: int
    late: int
    late_action_ids: list[strawberry.ID]
    by_status: list[ActionStatusCount]
    expected_rials: Rials = strawberry.field(description="expected saving + benefit of the actions not cancelled")
    realised_rials: Rials
    budget_rials: Rials
    realised_share: float | None = strawberry.field(description="realised / expected (null when nothing is expected)")
    owners: list[OwnerProgress]

    @classmethod
    def of(cls, p: plan_views.Progress) -> "PlanProgress":
        return cls(total=p.total, done=p.done, late=len(p.late_ids), late_action_ids=[strawberry.ID(i) for i in p.late_ids],
                   by_status=[ActionStatusCount(status=AS(s), count=n) for s, n in p.by_status.items()],
                   expected_rials=Rials(p.expected_rials), realised_rials=Rials(p.realised_rials), budget_rials=Rials(p.budget_rials),
                   realised_share=p.realised_share,
                   owners=[OwnerProgress(agency_id=strawberry.ID(o.agency_id), actions=o.actions, done=o.done, late=o.late,
                                         expected_rials=Rials(o.expected_rials), realised_rials=Rials(o.realised_rials))
                           for o in p.owners])  # fmt: skip


@strawberry.type(description="A coordination plan (Jalali years from–to) of actions, approved up a chain of bodies")
class CoordinationPlan:
    id: strawberry.ID
    title_fa: str
    title_en: str | None = None
    from_year: int
    to_year: int
    scope_fa: str | None = None
    scope_en: str | None = None
    status: PlanStatus = PlanStatus.DRAFT
    approval_chain: strawberry.Private[list[str]] = dataclasses.field(default_factory=list)
    approvals_done: int = 0
    version: int = 1
    created_at: DateTime = DateTime("")
    updated_at: DateTime = DateTime("")

    async def _actions(self, info: Info) -> list[dict[str, object]]:
        rows = await plan_actions.actions_of(info.context.repo, [str(self.id)])
        return rows[str(self.id)]

    @strawberry.field(name="approvalChain", description="The bodies that approve the plan, in order, with what each recorded")
    async def approval_steps(self, info: Info) -> list[ApprovalStep]:
        recorded = {r["position"]: r for r in (await plans.histories(info.context.repo, "plan/approvals", [str(self.id)]))[str(self.id)]}
        steps = plans.chain_of({"approvalChain": self.approval_chain})
        waiting = self.status == PlanStatus.PROPOSED and self.approvals_done < len(steps)
        return [ApprovalStep(step=s.key, label_fa=s.label_fa, label_en=s.label_en, role=s.role.value, position=i,
                             done=i in recorded, next=waiting and i == self.approvals_done, by=recorded.get(i, {}).get("by"),
                             at=recorded.get(i, {}).get("at"), comment=recorded.get(i, {}).get("comment"))
                for i, s in enumerate(steps)]  # fmt: skip

    @strawberry.field(description="Every status move, oldest first")
    async def history(self, info: Info) -> list[PlanTransition]:
        rows = await plans.histories(info.context.repo, "plan/steps", [str(self.id)])
        return [from_row(PlanTransition, r) for r in rows[str(self.id)]]

    @strawberry.field(description="The plan's actions you may read (an agency: those it owns), by due date; the filters combine")
    async def actions(self, info: Info, status: ActionStatus | None = None, owner_id: strawberry.ID | None = None,
                      late: bool | None = None, source_kind: ActionSource | None = None) -> list[PlanAction]:  # fmt: skip
        rows = plan_actions.pick(await self._actions(info), today_iso(), status, owner_id and str(owner_id), late,
                                 source_kind.value if source_kind else None)  # fmt: skip
        return [from_row(PlanAction, r) for r in rows]

    @strawberry.field(description="Agency × agency: what was agreed (agreed, started, done actions) and what it is worth")
    async def matrix(self, info: Info) -> list[PlanMatrixCell]:
        return [PlanMatrixCell(row_id=strawberry.ID(c.row), col_id=strawberry.ID(c.col), value_rials=Rials(c.value_rials),
                               action_ids=[strawberry.ID(i) for i in c.action_ids])
                for c in plan_views.plan_matrix(await self._actions(info))]  # fmt: skip

    @strawberry.field(description="Actions late and done; money realised against money expected")
    async def progress(self, info: Info) -> PlanProgress:
        return PlanProgress.of(plan_views.plan_progress(await self._actions(info), today_iso()))
