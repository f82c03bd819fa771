"""The contract suite's run of the coordination plans' and the issue intake's statements (#18.1,
#19.2/5) on each backend: the demo loader writes them (the plan up its chain, actions moved, the
committee's and councils' decisions, the planners' club), then every read and update runs once."""

from __future__ import annotations

from service.demo.loader import load_demo
from service.domain.actor import Actor, Role
from service.registry import intake, plan_actions, plans
from service.registry.clubs import load_clubs
from service.registry.intake_chain import council_decisions
from service.registry.repository import Repository
from service.registry.specs import PLAN, PLAN_ACTION
from service.storage.port import GraphStore

BOSS = Actor(name="officer", role=Role.DIRECTORATE)


async def test_plan_and_intake_statements(store: GraphStore) -> None:
    await load_demo(store)
    repo = Repository(store, BOSS)
    (plan,) = await plans.list_plans(repo)
    assert (await repo.get(PLAN, plan["id"]))["id"] == plan["id"]
    approvals = await plans.histories(repo, "plan/approvals", [plan["id"]])
    assert approvals[plan["id"]], "the demo plan has approvals recorded"
    steps = await plans.histories(repo, "plan/steps", [plan["id"]])
    assert steps[plan["id"]], "the demo plan was proposed"
    actions = (await plan_actions.actions_of(repo, [plan["id"]]))[plan["id"]]
    assert len(actions) >= 4
    first = actions[0]
    assert (await repo.get(PLAN_ACTION, first["id"]))["id"] == first["id"]
    owned = await plan_actions.actions_owned(repo, first["ownerIds"][0])
    assert first["id"] in {a["id"] for a in owned}
    moved = await plans.histories(repo, "plan_action/steps", [a["id"] for a in actions])
    assert any(moved.values())
    late = await store.read("plan/actions_late", {"today": "2026-11-30"})
    assert late and all(r["ownerIds"] for r in late)
    renamed = await plans.update_plan(repo, BOSS, plan["id"], {"scopeFa": "دامنهٔ تازه"}, plan["version"])
    assert renamed["scopeFa"] == "دامنهٔ تازه"
    changed = await plan_actions.update_action(repo, BOSS, first["id"], {"titleFa": "عنوان تازه"}, first["version"])
    assert changed["titleFa"] == "عنوان تازه"
    assert await intake.decisions(repo), "the demo's committee decided"
    assert await council_decisions(store), "the demo's councils decided on the list"
    assert await intake.round_version(store) >= 1
    assert await load_clubs(store)
