"""Plan actions late and agreement steps awaiting, from the statements the plans and agree branches
own (CONTRACT-18): on the demo, whose plan and agreements sit around today with some late, one sweep
tells each late action to each owner agency and the directorate, and each awaited step to the agency
it awaits. The expected rows are the statements' own answers, read beside the sweep."""

from __future__ import annotations

from typing import Any

import pytest

from service.notify.sources import AGREEMENT_AWAITING, PLAN_LATE, has_statement
from tests.conftest import DEMO_TODAY, GraphQL, run_on_store

INBOX = "query($kind: NotificationKind) { notifications(kind: $kind, first: 100) { nodes { kind recordId titleFa link } } }"


def rows_of(demo: GraphQL, name: str) -> list[dict[str, Any]]:
    async def work(store: Any) -> list[dict[str, Any]]:
        return list(await store.read(name, {"today": DEMO_TODAY}))

    assert demo.settings is not None
    return list(run_on_store(demo.settings, work))


@pytest.mark.skipif(not has_statement(PLAN_LATE), reason="plan/actions_late.cypher arrives with the plans branch")
def test_late_plan_actions_reach_their_owners_and_the_directorate(demo: GraphQL) -> None:
    late = rows_of(demo, PLAN_LATE)
    assert late, "the demo plan has late actions (CONTRACT-18: some late)"
    report = demo.ok("mutation { sweepNotifications { sources } }")["sweepNotifications"]
    assert "plans" in report["sources"]
    told = demo.ok(INBOX, kind="PLAN_ACTION_LATE")["notifications"]["nodes"]
    assert {n["recordId"] for n in told} == {r["actionId"] for r in late}
    assert all(n["link"] and n["link"].startswith("/plans/") for n in told)
    owner = next(o for r in late for o in r["ownerIds"])
    mine = demo.as_role("agency", owner).ok(INBOX, kind="PLAN_ACTION_LATE")["notifications"]["nodes"]
    assert {n["recordId"] for n in mine} == {r["actionId"] for r in late if owner in r["ownerIds"]}
    assert all("گذشته است" in n["titleFa"] and n["link"] == f"/portal/plan-actions#action-{n['recordId']}" for n in mine)


@pytest.mark.skipif(not has_statement(AGREEMENT_AWAITING), reason="agreement/steps_awaiting.cypher arrives with the agree branch")
def test_agreement_steps_awaiting_reach_the_awaited_party(demo: GraphQL) -> None:
    awaiting = rows_of(demo, AGREEMENT_AWAITING)
    assert awaiting, "the demo has agreements waiting on a party (CONTRACT-18: each lifecycle stage)"
    report = demo.ok("mutation { sweepNotifications { sources } }")["sweepNotifications"]
    assert "agreements" in report["sources"]
    party = awaiting[0]["awaitingAgencyId"]
    mine = demo.as_role("agency", party).ok(INBOX, kind="AGREEMENT_STEP_AWAITING")["notifications"]["nodes"]
    assert {n["recordId"] for n in mine} == {r["agreementId"] for r in awaiting if r["awaitingAgencyId"] == party}
    assert all(n["link"] == f"/portal/agreements/{n['recordId']}" for n in mine)
    others = {r["awaitingAgencyId"] for r in awaiting} - {party}
    assert not demo.ok(INBOX, kind="AGREEMENT_STEP_AWAITING")["notifications"]["nodes"]  # the directorate is not a party
    if others:
        other = sorted(others)[0]
        theirs = demo.as_role("agency", other).ok(INBOX, kind="AGREEMENT_STEP_AWAITING")["notifications"]["nodes"]
        assert {n["recordId"] for n in theirs} == {r["agreementId"] for r in awaiting if r["awaitingAgencyId"] == other}
