"""The statements other helpers read and the events plans publish (CONTRACT-18), on the real store:
plan/actions_late.cypher's rows, and Event("plan_action", "created" | "moved") with the owners."""

from __future__ import annotations

import asyncio
from typing import Any

from service.domain.actor import Actor, Role
from service.domain.enums import ActionStatus
from service.domain.models import AgencyIn, PlanActionIn, PlanIn
from service.registry import plan_actions, plans
from service.registry.events import Event, EventHub
from service.registry.repository import Repository
from service.registry.specs import AGENCY
from service.settings import Settings
from service.storage.falkor import FalkorStore
from tests.conftest import GraphQL, run_on_store

BOSS = Actor(name="officer", role=Role.DIRECTORATE)


async def _setup(store: FalkorStore, hub: EventHub | None = None) -> tuple[Repository, str, list[str]]:
    repo = Repository(store, BOSS, events=hub)
    ids = [(await repo.create(AGENCY, AgencyIn(code=c, nameFa=f"دستگاه {c}", kind="ngo", level="external")))["id"] for c in ("L1", "L2")]
    plan = await plans.create_plan(repo, BOSS, PlanIn(titleFa="برنامه", fromYear=1404, toYear=1405))
    return repo, plan["id"], ids


def test_actions_late_gives_open_actions_past_due_with_their_owners(settings: Settings, registry: GraphQL) -> None:
    async def work(store: FalkorStore) -> tuple[list[dict[str, Any]], list[dict[str, Any]], str]:
        repo, plan_id, (a, b) = await _setup(store)

        async def add(due: str, owners: list[str]) -> str:
            row = await plan_actions.add_action(repo, BOSS, PlanActionIn(planId=plan_id, titleFa=f"اقدام {due}", sourceKind="request",
                                                                         sourceRef="rq-1", ownerIds=owners, dueDate=due))  # fmt: skip
            return str(row["id"])

        late, done = await add("1405/01/15", [b, a]), await add("1405/02/01", [a])
        cancelled, future = await add("1405/02/02", [b]), await add("1405/12/01", [a])
        for step in (ActionStatus.AGREED, ActionStatus.IN_PROGRESS, ActionStatus.DONE):
            await plan_actions.move_action(repo, BOSS, done, step)
        await plan_actions.move_action(repo, BOSS, cancelled, ActionStatus.CANCELLED)
        rows = await store.read("plan/actions_late", {"today": "2026-11-30"})
        before = await store.read("plan/actions_late", {"today": "2026-04-03"})  # 1405/01/14: nothing due yet
        assert future not in {r["actionId"] for r in rows}
        return rows, before, late

    rows, before, late = run_on_store(settings, work)
    assert before == []
    assert [r["actionId"] for r in rows] == [late]
    row = rows[0]
    assert set(row) == {"actionId", "planId", "titleFa", "dueDate", "ownerIds"} and row["dueDate"] == "2026-04-04"
    assert len(row["ownerIds"]) == 2 and row["titleFa"] == "اقدام 1405/01/15"


def test_writers_publish_created_and_moved_with_the_owners(settings: Settings, registry: GraphQL) -> None:
    async def work(store: FalkorStore) -> list[Event]:
        hub = EventHub()
        repo, plan_id, (a, _) = await _setup(store, hub)
        seen: list[Event] = []

        async def listen() -> None:
            async for event in hub.listen():
                seen.append(event)

        task = asyncio.create_task(listen())
        await asyncio.sleep(0)
        row = await plan_actions.add_action(repo, BOSS, PlanActionIn(planId=plan_id, titleFa="x", sourceKind="request",
                                                                     sourceRef="rq-1", ownerIds=[a]))  # fmt: skip
        await plan_actions.move_action(repo, BOSS, row["id"], ActionStatus.AGREED, "ok")
        await asyncio.sleep(0.05)
        task.cancel()
        return [e for e in seen if e.kind == "plan_action"]

    events = run_on_store(settings, work)
    assert [e.action for e in events] == ["created", "moved"]
    assert all(len(e.row["ownerIds"]) == 1 for e in events) and events[1].row["status"] == "agreed"
