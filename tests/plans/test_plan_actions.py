"""Plan actions over real GraphQL: the workflow (who may take each step), progress reports with the
money realised, the plan matrix and progress view, and an agency's view: the plan header and the
actions it owns, another's action answered exactly like a missing one."""

from __future__ import annotations

from typing import Any

from tests.conftest import GraphQL
from tests.plans.helpers import ACTION_FIELDS, MOVE_ACTION, PLAN, REPORT, agencies, code_of, new_action, new_plan

ONE = "query($id: ID!) { planAction(id: $id) { " + ACTION_FIELDS + " } }"
EDIT = "mutation($id: ID!, $i: PlanActionPatch!) { updatePlanAction(id: $id, input: $i) { id option dueDate budgetRials } }"


def _without(errors: list[dict[str, Any]], ident: str) -> list[Any]:
    """An error as a client sees it, the id it named taken out (to compare two refusals)."""
    e = errors[0]
    return [e["message"].replace(ident, "X"), {k: str(v).replace(ident, "X") for k, v in e["extensions"].items()}]


def test_the_workflow_by_role_with_progress_reports_and_history(registry: GraphQL) -> None:
    a, b, c = agencies(registry, "A3", "B3", "C3")
    plan = new_plan(registry)
    shared = new_action(registry, plan["id"], [a, b], expectedSavingRials=2_000_000, expectedBenefitRials=500_000, budgetRials=900_000)
    owner = registry.as_role("agency", a)
    early = owner.errors(MOVE_ACTION, id=shared["id"], to="AGREED")  # agreeing is the directorate's
    assert code_of(early) == "FORBIDDEN" and "دبیرخانه" in early[0]["extensions"]["messageFa"]
    not_yet = owner.errors(REPORT, id=shared["id"], r=10)  # nothing to report on a proposal
    assert code_of(not_yet) == "NOT_REPORTABLE"
    same = registry.errors(MOVE_ACTION, id=shared["id"], to="PROPOSED")  # a move to where it is: no empty step
    assert code_of(same) == "ILLEGAL_TRANSITION"
    analyst = registry.as_role("analyst").errors(MOVE_ACTION, id=shared["id"], to="AGREED")  # analysts read, never move
    assert code_of(analyst) == "FORBIDDEN"
    registry.ok(MOVE_ACTION, id=shared["id"], to="AGREED", c="توافق در کارگروه")
    skip = owner.errors(MOVE_ACTION, id=shared["id"], to="DONE")
    assert code_of(skip) == "ILLEGAL_TRANSITION" and skip[0]["extensions"]["details"]["allowed"] == ["cancelled", "in_progress"]
    owner.ok(MOVE_ACTION, id=shared["id"], to="IN_PROGRESS", c="آغاز شد")
    huge = owner.errors(REPORT, id=shared["id"], r=str(10**19))
    assert code_of(huge) == "VALIDATION" and huge[0]["extensions"]["field"] == "realisedRials"
    empty = owner.errors(REPORT, id=shared["id"], c="  ")
    assert code_of(empty) == "VALIDATION" and "گزارش پیشرفت" in empty[0]["extensions"]["messageFa"]
    report = owner.ok(REPORT, id=shared["id"], c="نیمی انجام شد", r="۱٬۲۰۰٬۰۰۰")["reportPlanActionProgress"]
    assert report["status"] == "IN_PROGRESS" and report["realisedRials"] == 1_200_000
    cannot_cancel = owner.errors(MOVE_ACTION, id=shared["id"], to="CANCELLED")
    assert code_of(cannot_cancel) == "FORBIDDEN"
    done = registry.as_role("agency", b).ok(MOVE_ACTION, id=shared["id"], to="DONE", r=2_100_000)["movePlanAction"]
    assert done["status"] == "DONE" and done["nextStatuses"] == [] and done["late"] is False
    steps = [(h["fromStatus"], h["toStatus"], h["byRole"], h["byAgencyId"], h["comment"], h["realisedRials"]) for h in done["history"]]
    assert steps == [("proposed", "agreed", "directorate", None, "توافق در کارگروه", None),
                     ("agreed", "in_progress", "agency", a, "آغاز شد", None),
                     ("in_progress", "in_progress", "agency", a, "نیمی انجام شد", 1_200_000),
                     ("in_progress", "done", "agency", b, None, 2_100_000)]  # fmt: skip
    final = registry.errors(MOVE_ACTION, id=shared["id"], to="CANCELLED")
    assert code_of(final) == "ILLEGAL_TRANSITION" and "انجام‌شده" in final[0]["extensions"]["messageFa"]

    late = new_action(registry, plan["id"], [c], dueDate="1404/12/01", expectedBenefitRials=300_000)
    cancelled = new_action(registry, plan["id"], [b, c], dueDate="1404/01/10", expectedSavingRials=7_000_000)
    registry.ok(MOVE_ACTION, id=cancelled["id"], to="CANCELLED", c="منتفی شد")
    agreed = new_action(registry, plan["id"], [b, c], dueDate="1499/01/01", expectedSavingRials=400_000)
    registry.ok(MOVE_ACTION, id=agreed["id"], to="AGREED")
    view = registry.ok(PLAN, id=plan["id"])["plan"]
    assert [x["id"] for x in view["actions"] if x["late"]] == [late["id"]]
    progress = view["progress"]
    assert (progress["total"], progress["done"], progress["late"], progress["lateActionIds"]) == (4, 1, 1, [late["id"]])
    assert progress["expectedRials"] == 2_500_000 + (100_000 + 300_000) + 400_000  # the cancelled action expects nothing
    assert progress["realisedRials"] == 2_100_000 and progress["realisedShare"] == round(2_100_000 / 3_300_000, 4)
    assert {s["status"]: s["count"] for s in progress["byStatus"]} == {"PROPOSED": 1, "AGREED": 1, "IN_PROGRESS": 0, "DONE": 1, "CANCELLED": 1}
    cells = {(x["rowId"], x["colId"]): (x["valueRials"], x["actionIds"]) for x in view["matrix"]}
    assert cells == {(a, b): (2_500_000, [shared["id"]]), (b, a): (2_500_000, [shared["id"]]),
                     (b, c): (400_000, [agreed["id"]]), (c, b): (400_000, [agreed["id"]])}  # agreed or later only
    filtered = registry.ok("query($id: ID!, $o: ID) { plan(id: $id) { actions(ownerId: $o, status: CANCELLED) { id } late: actions(late: true) { id } } }",
                           id=plan["id"], o=c)["plan"]  # fmt: skip
    assert filtered == {"actions": [{"id": cancelled["id"]}], "late": [{"id": late["id"]}]}


def test_an_agency_sees_the_header_and_its_own_actions_and_nothing_of_the_others(registry: GraphQL) -> None:
    a, b, c = agencies(registry, "A4", "B4", "C4")
    plan = new_plan(registry)
    mine = new_action(registry, plan["id"], [a, b], expectedSavingRials=1_000)
    theirs = new_action(registry, plan["id"], [b, c], expectedSavingRials=5_000)
    for x in (mine, theirs):
        registry.ok(MOVE_ACTION, id=x["id"], to="AGREED")
    agency = registry.as_role("agency", a)
    seen = agency.ok(PLAN, id=plan["id"])["plan"]
    assert seen["titleFa"] == plan["titleFa"] and [x["id"] for x in seen["actions"]] == [mine["id"]]
    assert {(m["rowId"], m["colId"]) for m in seen["matrix"]} == {(a, b), (b, a)}
    assert seen["progress"]["total"] == 1 and seen["progress"]["expectedRials"] == 1_000
    assert agency.ok(ONE, id=theirs["id"])["planAction"] is None
    assert agency.ok(ONE, id=mine["id"])["planAction"]["ownerIds"] == sorted([a, b])
    hidden = agency.errors(MOVE_ACTION, id=theirs["id"], to="IN_PROGRESS")
    missing = agency.errors(MOVE_ACTION, id="pa-nowhere", to="IN_PROGRESS")
    assert code_of(hidden) == "NOT_FOUND" and _without(hidden, theirs["id"]) == _without(missing, "pa-nowhere")
    assert code_of(agency.errors(EDIT, id=mine["id"], i={"budgetRials": 1})) == "FORBIDDEN"
    full = registry.ok(PLAN, id=plan["id"])["plan"]
    assert len(full["actions"]) == 2 and len(full["matrix"]) == 4
    across = "query($o: ID) { planActions(ownerId: $o) { id } }"
    assert [x["id"] for x in agency.ok(across)["planActions"]] == [mine["id"]]  # every plan, its own actions only
    assert {x["id"] for x in registry.ok(across)["planActions"]} == {mine["id"], theirs["id"]}
    assert [x["id"] for x in registry.ok(across, o=c)["planActions"]] == [theirs["id"]]
    assert agency.ok(across, o=c)["planActions"] == []


def test_action_input_is_checked_and_edits_keep_the_option_to_findings(registry: GraphQL) -> None:
    (a,) = agencies(registry, "A5")
    plan = new_plan(registry)
    bad = registry.errors("mutation($i: PlanActionInput!) { addPlanAction(input: $i) { id } }",
                          i={"planId": plan["id"], "titleFa": "x", "sourceKind": "WINWIN_OPPORTUNITY", "sourceRef": "ww-1",
                             "ownerIds": [a], "option": "MERGE"})  # fmt: skip
    assert code_of(bad) == "VALIDATION" and bad[0]["extensions"]["field"] == "option"
    nobody = registry.errors("mutation($i: PlanActionInput!) { addPlanAction(input: $i) { id } }",
                             i={"planId": plan["id"], "titleFa": "x", "sourceKind": "REQUEST", "sourceRef": "r", "ownerIds": ["ag-nowhere"]})  # fmt: skip
    assert code_of(nobody) == "NOT_FOUND" and nobody[0]["extensions"]["field"] == "ownerIds"
    no_plan = registry.errors("mutation($i: PlanActionInput!) { addPlanAction(input: $i) { id } }",
                              i={"planId": "pl-nowhere", "titleFa": "x", "sourceKind": "REQUEST", "sourceRef": "r", "ownerIds": [a]})  # fmt: skip
    assert code_of(no_plan) == "NOT_FOUND" and no_plan[0]["extensions"]["field"] == "planId"
    finding = new_action(registry, plan["id"], [a], sourceKind="DUPLICATION_FINDING", sourceRef="dup:du-1:du-2", option="MERGE")
    edited = registry.ok(EDIT, id=finding["id"], i={"option": "WARRANTED_KEEP", "dueDate": "1405/12/29", "budgetRials": "۵۰۰"})["updatePlanAction"]
    assert edited == {"id": finding["id"], "option": "WARRANTED_KEEP", "dueDate": "2027-03-20", "budgetRials": 500}
    other = new_action(registry, plan["id"], [a])
    assert code_of(registry.errors(EDIT, id=other["id"], i={"option": "MERGE"})) == "VALIDATION"
