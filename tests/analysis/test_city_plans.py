"""The city's plans as registry entities, over GraphQL HTTP: the demo's plans are in the store, a
directorate links a goal to a duty and the alignment credits what that duty does to the goal; an
agency cannot write plans; with no plans in the store the shipped file stands in, and says so."""

from __future__ import annotations

from typing import Any

from tests.conftest import GraphQL

PLANS = "{ cityPlans { id titleFa levels goals { id titleFa level focus strategies dutyIds version } } }"
REPORT = "{ analyses { alignment { parameters items { id aligned dutyId goals goalWhy amountRials } goals { goalId dutyIds items } } } }"
LINK = "mutation($g: ID!, $d: [ID!]!) { linkPlanGoal(goalId: $g, dutyIds: $d) { id dutyIds version } }"
UPSERT = """mutation($p: CityPlanInput!) { upsertCityPlan(plan: $p) { id titleFa goals { id dutyIds strategies } } }"""


def _alignment(gql: GraphQL) -> dict[str, Any]:
    report: dict[str, Any] = gql.ok(REPORT)["analyses"]["alignment"]
    return report


def test_the_demo_plans_are_read_from_the_store(demo: GraphQL) -> None:
    plans = demo.ok(PLANS)["cityPlans"]
    # as the shipped file has them, then seed 000's water-sensitive city plan (demo_wg.json: the frame of its working groups)
    assert [p["id"] for p in plans] == ["pl-mashhad-midterm", "pl-mashhad-1405", "pl-mashhad-wsc"]
    midterm = plans[0]
    assert midterm["levels"] == ["headquarters", "organisation", "district"]
    assert midterm["goals"][0]["id"] == "go-water" and "du-abfa-wsc" in midterm["goals"][0]["dutyIds"]
    assert all(g["strategies"] and g["focus"] and g["level"] and g["version"] == 1 for p in plans for g in p["goals"])
    assert demo.as_role("agency", "ag-fire").ok(PLANS)["cityPlans"] == plans  # plans are the city's public documents
    assert _alignment(demo)["parameters"]["plansSource"] == "store"


def test_a_goal_linked_to_a_duty_is_credited_with_what_the_duty_does(demo: GraphQL) -> None:
    before = _alignment(demo)
    goals = {g["goalId"]: g for g in before["goals"]}
    # an aligned exchange on some duty, and a goal neither linked to that duty nor served by the exchange
    item, goal = next((i, g) for i in before["items"] if i["id"].startswith("ex-") and i["aligned"] and i["dutyId"]
                      for g in sorted(goals) if i["dutyId"] not in goals[g]["dutyIds"] and g not in i["goals"])  # fmt: skip
    linked = demo.ok(LINK, g=goal, d=[item["dutyId"]])["linkPlanGoal"]
    assert item["dutyId"] in linked["dutyIds"] and linked["version"] == 2
    after = _alignment(demo)
    credited = next(i for i in after["items"] if i["id"] == item["id"])
    assert goal in credited["goals"] and f"{goal}: through duty {item['dutyId']}" in credited["goalWhy"]
    served = {g["goalId"]: g for g in after["goals"]}[goal]
    newly = [i for i in before["items"] if i["aligned"] and i["dutyId"] == item["dutyId"] and goal not in i["goals"]]
    assert served["items"] == goals[goal]["items"] + len(newly) and item["dutyId"] in served["dutyIds"]
    audit = demo.ok("query($e: ID) { auditEvents(entityId: $e) { edges { node { action entity } } } }", e=goal)
    assert {"action": "link_plan_goal", "entity": "PlanGoal"} in [e["node"] for e in audit["auditEvents"]["edges"]]
    stale = demo("mutation($g: ID!, $d: [ID!]!) { linkPlanGoal(goalId: $g, dutyIds: $d, expectedVersion: 1) { id } }", g=goal, d=[item["dutyId"]])
    assert stale["errors"][0]["extensions"]["code"] == "VERSION_CONFLICT"
    missing = demo(LINK, g=goal, d=["du-nowhere"])
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_an_agency_cannot_write_plans(demo: GraphQL) -> None:
    agency = demo.as_role("agency", "ag-fire")
    refused = agency(LINK, g="go-safety", d=["du-fire-response"])
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    plan = {"id": "pl-fire", "titleFa": "برنامهٔ آتش‌نشانی", "goals": []}
    assert agency(UPSERT, p=plan)["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "pl-fire" not in [p["id"] for p in demo.ok(PLANS)["cityPlans"]]


def test_a_directorate_upserts_a_plan_and_an_empty_store_falls_back_to_the_shipped_file(registry: GraphQL) -> None:
    assert registry.ok(PLANS)["cityPlans"] == []
    assert registry.ok("{ analyses { cityPlans { id } } }")["analyses"]["cityPlans"]  # the shipped file stands in
    assert "shipped file" in _alignment(registry)["parameters"]["plansSource"]
    plan = {"id": "pl-new", "titleFa": "برنامهٔ تازه", "levels": ["strategic"],
            "goals": [{"id": "go-new", "titleFa": "هدف تازه", "strategies": ["راهبرد"], "dutyIds": []}]}  # fmt: skip
    saved = registry.ok(UPSERT, p=plan)["upsertCityPlan"]
    assert saved["id"] == "pl-new" and saved["goals"] == [{"id": "go-new", "dutyIds": [], "strategies": ["راهبرد"]}]
    assert [p["id"] for p in registry.ok("{ analyses { cityPlans { id } } }")["analyses"]["cityPlans"]] == ["pl-new"]
    assert _alignment(registry)["parameters"]["plansSource"] == "store"
