"""GraphQL over the city's plans in the store: anyone signed in reads them (they are public
documents of the city); only the directorate writes them, each write audited in its own statement."""

import strawberry
from strawberry.types import Info

from service.auth.policy import require_role
from service.domain.actor import Role
from service.graphql.types.analysis import CityPlan, PlanGoal
from service.registry.city_plans import link_goal, load_plans, upsert_plan


@strawberry.input(description="A goal of a city plan: strategies, focus area and level, and the duties that carry it")
class PlanGoalInput:
    id: strawberry.ID
    title_fa: str
    focus: str = ""
    level: str = ""
    strategies: list[str] = strawberry.field(default_factory=list)
    duty_ids: list[strawberry.ID] = strawberry.field(default_factory=list, description="Duties linked (added; unknown ones ignored)")


@strawberry.input(description="A city plan with its goals")
class CityPlanInput:
    id: strawberry.ID
    title_fa: str
    title_en: str | None = None
    source: str = ""
    levels: list[str] = strawberry.field(default_factory=list)
    goals: list[PlanGoalInput] = strawberry.field(default_factory=list)


async def city_plans(info: Info) -> list[CityPlan]:
    """The city's plans as stored, goals in order with their duty ids."""
    return [CityPlan.of(p) for p in await load_plans(info.context.repo.store)]


async def upsert_city_plan(info: Info, plan: CityPlanInput) -> CityPlan:
    """Create or update a plan and its goals. Directorate only."""
    require_role(info.context.actor, Role.DIRECTORATE)
    data = {"id": str(plan.id), "titleFa": plan.title_fa, "titleEn": plan.title_en, "source": plan.source,
            "levels": plan.levels, "goals": [{"id": str(g.id), "titleFa": g.title_fa, "focus": g.focus, "level": g.level,
                                              "strategies": g.strategies, "dutyIds": [str(d) for d in g.duty_ids]}
                                             for g in plan.goals]}  # fmt: skip
    return CityPlan.of(await upsert_plan(info.context.repo.store, info.context.actor, data))


async def link_plan_goal(info: Info, goal_id: strawberry.ID, duty_ids: list[strawberry.ID],
                         expected_version: int | None = None) -> PlanGoal:  # fmt: skip
    """Link a plan's goal to duties (added to its links); the alignment credits what those duties do
    to the goal from its next run. Directorate only."""
    require_role(info.context.actor, Role.DIRECTORATE)
    g = await link_goal(info.context.repo.store, info.context.actor, str(goal_id), [str(d) for d in duty_ids], expected_version)
    return CityPlan.of({"id": "", "titleFa": "", "goals": [g]}).goals[0]
