"""GraphQL views of mission alignment: items, the city's plans and goals, per-agency alignment and the report."""

from typing import TYPE_CHECKING, Any

import strawberry
from strawberry import ID
from strawberry.scalars import JSON

if TYPE_CHECKING:  # the analysis modules (numpy, scipy, networkx) are imported when an analysis first runs
    from service.analysis import alignment as al


@strawberry.type
class AlignmentItem:
    kind: str
    id: strawberry.ID
    title: str
    provider_id: strawberry.ID
    aligned: bool
    duty_id: strawberry.ID | None
    similarity: float | None
    why: str
    rule: str = strawberry.field(description="declared, own_capacity, own_issue, reporting, resembles or none")
    declared_duty_id: strawberry.ID | None
    declared_verified: bool | None = strawberry.field(description="A declared duty link checked: the provider's and fitting (null: none declared)")
    goals: list[strawberry.ID] = strawberry.field(description="Goals of the city's plans the record serves")
    goal_why: str
    amount_rials: float | None


@strawberry.type(description="A goal of a city plan: its strategies, focus area, level and the duties that carry it")
class PlanGoal:
    id: ID
    title_fa: str
    focus: str
    level: str
    strategies: list[str]
    duty_ids: list[ID]
    version: int | None = strawberry.field(default=None, description="The goal's version in the store (linkPlanGoal's expectedVersion)")


@strawberry.type(description="A city plan (seed 001's mid-term plan, seed 003's strategic plan shape)")
class CityPlan:
    id: ID
    title_fa: str
    title_en: str | None
    source: str
    levels: list[str]
    goals: list[PlanGoal]

    @staticmethod
    def of(p: dict[str, Any]) -> "CityPlan":
        goals = [PlanGoal(id=ID(g["id"]), title_fa=g["titleFa"], focus=g.get("focus", ""), level=g.get("level", ""),
                          strategies=list(g.get("strategies") or []), duty_ids=[ID(d) for d in g.get("dutyIds") or []],
                          version=g.get("version"))
                 for g in p["goals"]]  # fmt: skip
        return CityPlan(id=ID(p["id"]), title_fa=p["titleFa"], title_en=p.get("titleEn"), source=p.get("source", ""),
                        levels=list(p.get("levels") or []), goals=goals)  # fmt: skip


@strawberry.type(description="A goal of the city's plans and what serves it")
class PlanGoalUse:
    goal_id: strawberry.ID
    plan_id: strawberry.ID
    title_fa: str
    focus: str
    level: str
    duty_ids: list[strawberry.ID]
    items: int
    amount_rials: float


@strawberry.type
class AgencyAlignment:
    agency_id: strawberry.ID
    name_fa: str
    aligned: int
    total: int
    ratio: float


@strawberry.type
class AlignmentReport:
    parameters: JSON
    items: list[AlignmentItem]
    agencies: list[AgencyAlignment]
    goals: list[PlanGoalUse]
    unserved: JSON = strawberry.field(description="Spending and effort that serve no goal of the plans, in total and per provider")

    @strawberry.field
    def misaligned(self) -> list[AlignmentItem]:
        return [i for i in self.items if not i.aligned]

    @staticmethod
    def of(r: "al.AlignmentResult") -> "AlignmentReport":
        items = [AlignmentItem(kind=i.kind, id=ID(i.id), title=i.title, provider_id=ID(i.provider), aligned=i.aligned,
                               duty_id=ID(i.duty_id) if i.duty_id is not None else None, similarity=i.similarity, why=i.why,
                               rule=i.rule, declared_duty_id=ID(i.declared_duty_id) if i.declared_duty_id else None,
                               declared_verified=i.declared_verified, goals=[ID(g) for g in i.goals], goal_why=i.goal_why,
                               amount_rials=i.amount_rials) for i in r.items]  # fmt: skip
        goals = [PlanGoalUse(goal_id=ID(g.goal_id), plan_id=ID(g.plan_id), title_fa=g.title_fa, focus=g.focus, level=g.level,
                             duty_ids=[ID(d) for d in g.duty_ids], items=g.items, amount_rials=g.amount_rials) for g in r.goals]  # fmt: skip
        agencies = [AgencyAlignment(agency_id=ID(a.agency_id), name_fa=a.name_fa, aligned=a.aligned, total=a.total,
                                    ratio=a.ratio) for a in r.agencies]  # fmt: skip
        return AlignmentReport(parameters=JSON(r.parameters), items=items, agencies=agencies, goals=goals, unserved=JSON(r.unserved))
