"""Concurrent approvals and moves over real HTTP: a step is recorded once and in order however many
officers press at once (the statement's guard, after the node's write lock), and every write leaves
its audit event."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from tests.conftest import GraphQL
from tests.plans.helpers import APPROVE, MOVE_ACTION, MOVE_PLAN, PLAN, agencies, new_action, new_plan


def _together(gql: GraphQL, document: str, variables: dict[str, Any], n: int) -> list[dict[str, Any]]:
    def one(_: int) -> dict[str, Any]:
        with httpx.Client(base_url=str(gql.client.base_url), timeout=30, headers=gql.headers) as client:
            body: dict[str, Any] = client.post("/graphql", json={"query": document, "variables": variables}).json()
            return body

    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(one, range(n)))


def test_officers_approving_at_once_record_each_step_once_and_in_order(registry: GraphQL) -> None:
    plan = new_plan(registry)
    registry.ok(MOVE_PLAN, id=plan["id"], to="PROPOSED")
    results = _together(registry, APPROVE, {"id": plan["id"], "s": "working_group"}, 12)
    won = [r for r in results if not r.get("errors")]
    codes = {r["errors"][0]["extensions"]["code"] for r in results if r.get("errors")}
    assert len(won) == 1 and codes <= {"VERSION_CONFLICT", "OUT_OF_ORDER"}, (len(won), codes)
    after = registry.ok(PLAN, id=plan["id"])["plan"]
    assert after["approvalsDone"] == 1 and [s["done"] for s in after["approvalChain"]] == [True, False, False]


def test_an_action_moved_at_once_moves_once_and_every_write_is_audited(registry: GraphQL) -> None:
    (a,) = agencies(registry, "A6")
    plan = new_plan(registry)
    action = new_action(registry, plan["id"], [a])
    results = _together(registry, MOVE_ACTION, {"id": action["id"], "to": "AGREED"}, 10)
    assert sum(1 for r in results if not r.get("errors")) == 1  # the others: a stale version or "already agreed"
    assert {r["errors"][0]["extensions"]["code"] for r in results if r.get("errors")} <= {"VERSION_CONFLICT", "ILLEGAL_TRANSITION"}
    history = registry.ok("query($id: ID!) { planAction(id: $id) { history { toStatus } } }", id=action["id"])["planAction"]["history"]
    assert [h["toStatus"] for h in history] == ["agreed"]
    trail = registry.ok("query($id: ID!) { auditEvents(entityId: $id) { edges { node { action entity actor after } } } }", id=action["id"])
    events = [e["node"] for e in trail["auditEvents"]["edges"]]
    assert [e["action"] for e in events] == ["transition", "create"] and {e["entity"] for e in events} == {"PlanAction"}
    plan_trail = registry.ok("query($id: ID!) { auditEvents(entityId: $id) { edges { node { action entity } } } }", id=plan["id"])
    assert [e["node"]["action"] for e in plan_trail["auditEvents"]["edges"]] == ["create"]
