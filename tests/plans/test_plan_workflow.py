"""Coordination plans over real GraphQL on the real store: a plan drafted, proposed, approved up its
chain in order (who/when/why at each step), run and closed; every refusal in Persian and English."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from service.settings import Settings
from tests.conftest import GraphQL
from tests.plans.helpers import APPROVE, MOVE_ACTION, MOVE_PLAN, PLAN, REPORT, agencies, code_of, new_action, new_plan

UPDATE = "mutation($id: ID!, $i: PlanPatch!, $v: Int) { updatePlan(id: $id, input: $i, expectedVersion: $v) { id titleFa version } }"


def test_a_plan_goes_up_the_default_chain_in_order_and_is_run_and_closed(registry: GraphQL) -> None:
    a, b = agencies(registry, "A1", "B1")
    plan = new_plan(registry, scopeFa="کاهش موازی‌کاری")
    assert plan["status"] == "DRAFT" and (plan["fromYear"], plan["toYear"]) == (1404, 1405)
    assert [s["step"] for s in plan["approvalChain"]] == ["working_group", "coordination_council", "city_council"]
    assert [s["labelFa"] for s in plan["approvalChain"]] == ["کارگروه", "شورای هماهنگی", "شورای اسلامی شهر"]
    action = new_action(registry, plan["id"], [b, a])
    assert action["dueDate"] == "2026-06-21" and action["dueDateJalali"] == "1405/03/31"  # Jalali in, both out
    assert action["ownerIds"] == sorted([a, b]) and action["status"] == "PROPOSED" and action["expectedSavingRials"] == 100000

    early = registry.errors(APPROVE, id=plan["id"])  # a draft is not up for approval
    assert code_of(early) == "NOT_PROPOSED" and "پیشنهادشده" in early[0]["extensions"]["messageFa"]
    proposed = registry.ok(MOVE_PLAN, id=plan["id"], to="PROPOSED", c="برای کارگروه")["movePlan"]
    assert proposed["status"] == "PROPOSED" and proposed["approvalChain"][0]["next"] is True

    skipped = registry.errors(APPROVE, id=plan["id"], s="city_council")
    assert code_of(skipped) == "OUT_OF_ORDER" and skipped[0]["extensions"]["details"] == {"next": "working_group"}
    assert "کارگروه" in skipped[0]["extensions"]["messageFa"] and "in order" in skipped[0]["message"]

    step1 = registry.ok(APPROVE, id=plan["id"], s="working_group", c="جلسهٔ ۱۲ مهر")["approvePlanStep"]
    assert step1["status"] == "PROPOSED" and step1["approvalsDone"] == 1
    stale = registry.errors(APPROVE, id=plan["id"], v=proposed["version"])  # the version before step 1
    assert code_of(stale) == "VERSION_CONFLICT"
    step2 = registry.ok(APPROVE, id=plan["id"], c="شورای هماهنگی")["approvePlanStep"]
    final = registry.ok(APPROVE, id=plan["id"], s="city_council", v=step2["version"], c="مصوبهٔ شورا")["approvePlanStep"]
    assert final["status"] == "APPROVED"
    chain = final["approvalChain"]
    assert [s["done"] for s in chain] == [True, True, True] and not any(s["next"] for s in chain)
    assert [s["comment"] for s in chain] == ["جلسهٔ ۱۲ مهر", "شورای هماهنگی", "مصوبهٔ شورا"]
    assert all(s["by"] == "test-directorate" and s["atJalali"].startswith("14") for s in chain)
    assert [(h["fromStatus"], h["toStatus"]) for h in final["history"]] == [("draft", "proposed"), ("proposed", "approved")]

    again = registry.errors(APPROVE, id=plan["id"])
    assert code_of(again) == "NOT_PROPOSED"
    registry.ok(MOVE_PLAN, id=plan["id"], to="ACTIVE")
    closed = registry.ok(MOVE_PLAN, id=plan["id"], to="CLOSED", c="پایان دوره")["movePlan"]
    assert closed["status"] == "CLOSED" and len(closed["history"]) == 4
    late_add = registry.errors("mutation($i: PlanActionInput!) { addPlanAction(input: $i) { id } }",
                               i={"planId": plan["id"], "titleFa": "x", "sourceKind": "REQUEST", "sourceRef": "rq-x", "ownerIds": [a]})  # fmt: skip
    assert code_of(late_add) == "PLAN_CLOSED" and "بسته" in late_add[0]["extensions"]["messageFa"]
    assert code_of(registry.errors(UPDATE, id=plan["id"], i={"titleFa": "تازه"})) == "PLAN_CLOSED"
    frozen = registry.errors(MOVE_ACTION, id=action["id"], to="AGREED")  # a closed plan's actions stay as they are
    assert code_of(frozen) == "PLAN_CLOSED" and frozen[0]["extensions"]["field"] == "planId"
    assert code_of(registry.errors(REPORT, id=action["id"], c="دیر")) == "PLAN_CLOSED"
    assert code_of(registry.errors(MOVE_PLAN, id=plan["id"], to="ACTIVE")) == "ILLEGAL_TRANSITION"


def test_approval_is_a_chain_step_never_a_move_and_only_the_role_the_step_names_records_it(registry: GraphQL) -> None:
    plan = new_plan(registry, approvalChain=["working_group", "review:analyst"])
    assert [(s["step"], s["role"]) for s in plan["approvalChain"]] == [("working_group", "directorate"), ("review", "analyst")]
    jump = registry.errors(MOVE_PLAN, id=plan["id"], to="APPROVED")
    assert code_of(jump) == "ILLEGAL_TRANSITION" and "approvePlanStep" in jump[0]["message"]
    assert "زنجیرهٔ تصویب" in jump[0]["extensions"]["messageFa"]
    registry.ok(MOVE_PLAN, id=plan["id"], to="PROPOSED")
    analyst = registry.as_role("analyst")
    not_yet = analyst.errors(APPROVE, id=plan["id"])  # the working group's step is the directorate's
    assert code_of(not_yet) == "FORBIDDEN" and "کارگروه" in not_yet[0]["extensions"]["messageFa"]
    registry.ok(APPROVE, id=plan["id"], s="working_group")
    wrong_role = registry.errors(APPROVE, id=plan["id"], s="review")
    assert code_of(wrong_role) == "FORBIDDEN" and "analyst" in wrong_role[0]["message"]
    done = analyst.ok(APPROVE, id=plan["id"], s="review", c="بازبینی کارشناسی")["approvePlanStep"]
    assert done["status"] == "APPROVED" and done["approvalChain"][1]["by"] == "test-analyst"


def test_only_the_directorate_writes_plans_and_a_header_edit_keeps_the_period_whole(registry: GraphQL) -> None:
    (a,) = agencies(registry, "A2")
    agency = registry.as_role("agency", a)
    refused = agency.errors("mutation { createPlan(input: {titleFa: \"x\", fromYear: 1404, toYear: 1405}) { id } }")
    assert code_of(refused) == "FORBIDDEN" and "دبیرخانه" in refused[0]["extensions"]["messageFa"]
    backwards = registry.errors("mutation { createPlan(input: {titleFa: \"x\", fromYear: 1406, toYear: 1405}) { id } }")
    assert code_of(backwards) == "VALIDATION"
    plan = new_plan(registry)
    assert code_of(registry.errors(UPDATE, id=plan["id"], i={"fromYear": 1407})) == "VALIDATION"
    edited = registry.ok(UPDATE, id=plan["id"], i={"titleFa": "برنامهٔ بازنگری‌شده"}, v=plan["version"])["updatePlan"]
    assert edited["titleFa"] == "برنامهٔ بازنگری‌شده" and edited["version"] == plan["version"] + 1
    assert code_of(registry.errors(UPDATE, id=plan["id"], i={"titleFa": "y"}, v=plan["version"])) == "VERSION_CONFLICT"
    assert code_of(agency.errors(UPDATE, id=plan["id"], i={"titleFa": "y"})) == "FORBIDDEN"
    assert code_of(agency.errors(MOVE_PLAN, id=plan["id"], to="PROPOSED")) == "FORBIDDEN"
    assert agency.ok(PLAN, id=plan["id"])["plan"]["titleFa"] == "برنامهٔ بازنگری‌شده"  # the header is everyone's to read
    listed = registry.ok("{ plans { id status } }")["plans"]
    assert [p["id"] for p in listed] == [plan["id"]]
    assert registry.ok("{ plans(status: CLOSED) { id } }")["plans"] == []
    assert registry.ok('{ plan(id: "pl-nowhere") { id } }')["plan"] is None


def test_the_setting_names_the_chain_and_a_bad_one_is_refused_at_start() -> None:
    assert Settings(plan_approval_chain=("working_group", "city_council:directorate")).plan_approval_chain[1] == "city_council:directorate"
    for bad in (("Working Group",), ("a", "a"), ("council:mayor",)):
        with pytest.raises(ValidationError):
            Settings(plan_approval_chain=bad)
