"""Working-group roles (secretariat, facilitator, observer beside lead, member, supervisor) and where a
group sits: its level, parent group and city plan (issue 19 item 1)."""

from __future__ import annotations

from tests.conftest import GraphQL
from tests.wg.helpers import GROUP, ROLES, code, seed

GROUP_Q = "query($id: ID!) { workingGroup(id: $id) { id level parentGroupId planId version parentGroup { id } members { agencyId role } } }"
PLACE = """mutation($id: ID!, $l: WorkingGroupLevel, $p: ID, $plan: ID, $v: Int) { placeWorkingGroup(id: $id, level: $l,
  parentGroupId: $p, planId: $plan, expectedVersion: $v) { id level parentGroupId planId version parentGroup { id nameFa } } }"""


def test_every_role_is_stored_and_read_back(registry: GraphQL) -> None:
    seed(registry)
    group = registry.ok(GROUP_Q, id=GROUP)["workingGroup"]
    assert {m["agencyId"]: m["role"] for m in group["members"]} == {a: r.upper() for a, r in ROLES.items()}
    assert group["level"] == "PLAN" and group["parentGroupId"] is None
    # an agency's own view of its seat says the new role too
    seats = registry.ok('{ agency(id: "ag-fac") { workingGroups { role group { id } } } }')["agency"]["workingGroups"]
    assert seats == [{"role": "FACILITATOR", "group": {"id": GROUP}}]
    seat = 'mutation { setWorkingGroupMember(id: "wg-t", agencyId: "ag-out", role: OBSERVER) { members { agencyId role } } }'
    members = registry.ok(seat)["setWorkingGroupMember"]["members"]
    assert {"agencyId": "ag-out", "role": "OBSERVER"} in members


def test_a_group_sits_under_a_plan_or_a_council_and_never_under_itself(registry: GraphQL) -> None:
    seed(registry)
    plan = 'mutation { upsertCityPlan(plan: {id: "pl-wsc", titleFa: "طرح مشهد؛ شهر حساس به آب"}) { id } }'
    registry.ok(plan)
    council = registry.ok('mutation { createWorkingGroup(input: {nameFa: "شورای سیاست‌گذاری", level: COUNCIL, planId: "pl-wsc"}) { id level planId } }')
    council_id = council["createWorkingGroup"]["id"]
    assert council["createWorkingGroup"]["level"] == "COUNCIL" and council["createWorkingGroup"]["planId"] == "pl-wsc"
    placed = registry.ok(PLACE, id=GROUP, l="PLAN", p=council_id, plan="pl-wsc", v=1)["placeWorkingGroup"]
    assert placed["parentGroupId"] == council_id and placed["parentGroup"]["nameFa"] == "شورای سیاست‌گذاری"
    assert placed["planId"] == "pl-wsc" and placed["version"] == 2
    # the council under its own child: a cycle, refused
    ext = registry.errors(PLACE, id=council_id, l="COUNCIL", p=GROUP)[0]["extensions"]
    assert ext["code"] == "INVALID_REFERENCE" and ext["field"] == "parentGroupId" and "زیرمجموعهٔ خودش" in ext["messageFa"]
    assert code(registry.errors(PLACE, id=GROUP, p=GROUP)) == "INVALID_REFERENCE"
    # a plan or parent that does not exist
    assert registry.errors(PLACE, id=GROUP, plan="pl-nope")[0]["extensions"]["field"] == "planId"
    assert registry.errors(PLACE, id=GROUP, p="wg-nope")[0]["extensions"]["field"] == "parentGroupId"
    bad = 'mutation { createWorkingGroup(input: {nameFa: "x", planId: "pl-nope"}) { id } }'
    assert code(registry.errors(bad)) == "NOT_FOUND"
    # null clears the placement; the version guard holds
    cleared = registry.ok(PLACE, id=GROUP, v=2)["placeWorkingGroup"]
    assert cleared["parentGroupId"] is None and cleared["planId"] is None and cleared["level"] is None
    # nothing else went with them (FalkorDB 4.16 removed the wrong properties when one SET removed several)
    kept = registry.ok('query($id: ID!) { workingGroup(id: $id) { nameFa archived version } }', id=GROUP)["workingGroup"]
    assert kept == {"nameFa": "کارگروه آزمایشی شهر حساس به آب", "archived": False, "version": 3}
    assert code(registry.errors(PLACE, id=GROUP, l="PLAN", v=2)) == "VERSION_CONFLICT"


def test_only_the_directorate_places_a_group(registry: GraphQL) -> None:
    clients = seed(registry)
    assert code(clients["ag-sec"].errors(PLACE, id=GROUP, l="COUNCIL")) == "FORBIDDEN"
    assert registry.ok(GROUP_Q, id=GROUP)["workingGroup"]["level"] == "PLAN"
