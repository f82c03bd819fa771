"""Shared pieces of the coordination plan tests: GraphQL documents and a small registry to plan over."""

from __future__ import annotations

from typing import Any

from tests.conftest import GraphQL

PLAN_FIELDS = """id titleFa fromYear toYear status version approvalsDone
  approvalChain { step labelFa role position done next by at atJalali comment }
  history { fromStatus toStatus by comment atJalali }"""
ACTION_FIELDS = """id planId titleFa sourceKind sourceRef option ownerIds status dueDate dueDateJalali late version
  budgetRials expectedSavingRials expectedBenefitRials realisedRials nextStatuses
  history { fromStatus toStatus by byRole byAgencyId comment realisedRials atJalali }"""
CREATE_PLAN = "mutation($i: PlanInput!) { createPlan(input: $i) { " + PLAN_FIELDS + " } }"
ADD_ACTION = "mutation($i: PlanActionInput!) { addPlanAction(input: $i) { " + ACTION_FIELDS + " } }"
MOVE_PLAN = "mutation($id: ID!, $to: PlanStatus!, $c: String) { movePlan(id: $id, to: $to, comment: $c) { " + PLAN_FIELDS + " } }"
APPROVE = ("mutation($id: ID!, $s: String, $c: String, $v: Int) { approvePlanStep(id: $id, step: $s, comment: $c, expectedVersion: $v) { "
           + PLAN_FIELDS + " } }")  # fmt: skip
MOVE_ACTION = ("mutation($id: ID!, $to: ActionStatus!, $c: String, $r: Rials) { movePlanAction(id: $id, to: $to, comment: $c, "
               "realisedRials: $r) { " + ACTION_FIELDS + " } }")  # fmt: skip
REPORT = ("mutation($id: ID!, $c: String, $r: Rials) { reportPlanActionProgress(id: $id, comment: $c, realisedRials: $r) { "
          + ACTION_FIELDS + " } }")  # fmt: skip
PLAN = "query($id: ID!) { plan(id: $id) { " + PLAN_FIELDS + """
  actions { id ownerIds status late }
  matrix { rowId colId valueRials actionIds }
  progress { total done late lateActionIds expectedRials realisedRials budgetRials realisedShare
             byStatus { status count } owners { agencyId actions done late expectedRials realisedRials } } } }"""


def agencies(gql: GraphQL, *codes: str) -> list[str]:
    """Agencies made through GraphQL (an empty registry has none)."""
    ids = []
    for code in codes:
        data = gql.ok("mutation($i: AgencyInput!) { createAgency(input: $i) { id } }",
                      i={"code": code, "nameFa": f"دستگاه {code}", "nameEn": f"Agency {code}", "kind": "GOVERNMENT_AGENCY",
                         "level": "EXTERNAL"})  # fmt: skip
        ids.append(data["createAgency"]["id"])
    return ids


def new_plan(gql: GraphQL, **extra: Any) -> dict[str, Any]:
    data = gql.ok(CREATE_PLAN, i={"titleFa": "برنامهٔ آزمایشی", "fromYear": 1404, "toYear": 1405} | extra)
    plan: dict[str, Any] = data["createPlan"]
    return plan


def new_action(gql: GraphQL, plan_id: str, owners: list[str], **extra: Any) -> dict[str, Any]:
    given = {"planId": plan_id, "titleFa": "اقدام آزمایشی", "sourceKind": "REQUEST", "sourceRef": "rq-x", "ownerIds": owners,
             "dueDate": "۱۴۰۵/۰۳/۳۱", "expectedSavingRials": "۱۰۰۰۰۰"} | extra  # fmt: skip
    action: dict[str, Any] = gql.ok(ADD_ACTION, i=given)["addPlanAction"]
    return action


def code_of(errors: list[dict[str, Any]]) -> str:
    return str(errors[0]["extensions"]["code"])
