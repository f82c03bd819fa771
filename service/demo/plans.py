"""The demo's 1404–1405 coordination plan for Mashhad (``service/data/demo_plans.json``), loaded after
the main bundle through the same use cases as GraphQL: the plan proposed and part way up its approval
chain, its actions made from the demo's own top duplication findings, win-win opportunities, a merged
issue and an overdue request (``tools/make_demo_plans.py`` ran the analyses on the demo and wrote the
file; tests/plans/test_demo_plan.py checks every key is still one the analyses give), each moved
along its workflow by the directorate and by its owner agencies, some late against 1405/09/09.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from service.domain.actor import Actor, Role
from service.domain.enums import ActionStatus, PlanStatus
from service.domain.models import PlanActionIn, PlanIn
from service.registry import plan_actions, plans
from service.registry.repository import Repository
from service.storage.port import GraphStore

DIRECTORATE = Actor(name="دبیرخانهٔ هماهنگی", role=Role.DIRECTORATE)
STEP_KEYS = ("by", "comment", "realisedRials")


def demo_plans() -> list[dict[str, Any]]:
    text = resources.files("service.data").joinpath("demo_plans.json").read_text(encoding="utf-8")
    data: list[dict[str, Any]] = json.loads(text)["plans"]
    return data


async def _action(store: GraphStore, spec: dict[str, Any], plan_id: str) -> None:
    fields = {k: v for k, v in spec.items() if k not in ("steps",)}
    data = PlanActionIn.model_validate(fields | {"planId": plan_id})
    row = await plan_actions.add_action(Repository(store, DIRECTORATE), DIRECTORATE, data)
    status = row["status"]
    for step in spec.get("steps") or []:
        owner = step.get("byAgency")
        actor = Actor(name=step.get("by") or owner, role=Role.AGENCY, agency_id=owner) if owner else DIRECTORATE
        repo = Repository(store, actor)
        if step["to"] == status:  # the same status again: a progress report
            await plan_actions.report_progress(repo, actor, row["id"], step.get("realisedRials"), step.get("comment"))
        else:
            await plan_actions.move_action(repo, actor, row["id"], ActionStatus(step["to"]), step.get("comment"), step.get("realisedRials"))
        status = step["to"]


async def load_demo_plans(store: GraphStore) -> int:
    """Load the demo plans; returns how many actions were made."""
    made = 0
    repo = Repository(store, DIRECTORATE)
    for spec in demo_plans():
        head = {k: spec[k] for k in ("id", "titleFa", "titleEn", "fromYear", "toYear", "scopeFa", "scopeEn") if k in spec}
        plan = await plans.create_plan(repo, DIRECTORATE, PlanIn.model_validate(head))
        for action in spec.get("actions") or []:
            await _action(store, action, plan["id"])
            made += 1
        if spec.get("proposed"):
            await plans.move_plan(repo, DIRECTORATE, plan["id"], PlanStatus.PROPOSED, spec["proposed"].get("comment"))
        for approval in spec.get("approvals") or []:
            await plans.approve_step(repo, DIRECTORATE, plan["id"], approval["step"], approval.get("comment"))
    return made
