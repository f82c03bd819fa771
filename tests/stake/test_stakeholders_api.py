"""Stakeholders as their own kind (#19.3), over real GraphQL on the real store: the demo's six groups
and their grid, writes by the directorate and analysts, refusals, links, and what an agency sees."""

from __future__ import annotations

from tests.conftest import GraphQL

FIELDS = "id nameFa type typeFa power interest influence quadrant quadrantFa beneficiaries issueIds dutyIds planIds workingGroupIds version"
CREATE = f"mutation($input: StakeholderInput!, $key: String) {{ createStakeholder(input: $input, idempotencyKey: $key) {{ {FIELDS} }} }}"


def new(**over: object) -> dict[str, object]:
    return {"nameFa": "کسبه بازار رضا", "type": "CITIZENS", "power": 1, "interest": 2, "influence": 1} | over


def test_demo_has_the_six_groups_of_seed_001_as_stakeholders_not_agencies(demo: GraphQL) -> None:
    data = demo.ok("""{ stakeholders(first: 50) { totalCount nodes { id type quadrant duties { id } issues { id }
        plans { id } workingGroups { id } engagements { kind dateJalali } commitments { id status } } }
        agencies(filter: {kind: STAKEHOLDER_GROUP}) { totalCount } }""")
    rows = {r["id"]: r for r in data["stakeholders"]["nodes"]}
    assert data["stakeholders"]["totalCount"] == 6 and data["agencies"]["totalCount"] == 0
    assert sorted(r["type"] for r in rows.values()) == sorted(
        ["CITIZENS", "CIVIL_SOCIETY", "URBAN_ELITES", "CITY_COUNCIL", "MUNICIPAL_STAFF", "PROVINCIAL_AGENCIES"])
    council, citizens = rows["sh-council"], rows["sh-citizens"]
    assert council["quadrant"] == "MANAGE_CLOSELY" and citizens["quadrant"] == "KEEP_INFORMED"
    assert rows["sh-provincial"]["quadrant"] == "KEEP_SATISFIED"
    # the pseudo-agencies' links were re-pointed: the issue citizens raised, the mid-term committee
    assert [i["id"] for i in citizens["issues"]] == ["is-citizen-feedback"]
    assert all(r["workingGroups"] == [{"id": "wg-midterm-plan"}] for r in rows.values())
    assert {"du-ict-apps"} <= {d["id"] for d in citizens["duties"]} and citizens["plans"]
    assert citizens["engagements"][0]["dateJalali"].startswith("1405/09")
    assert {c["status"] for r in rows.values() for c in r["commitments"]} == {"OPEN", "KEPT", "BROKEN"}


def test_grid_query_sorts_every_stakeholder_into_the_four_quadrants(demo: GraphQL) -> None:
    demo.ok(CREATE, input=new(nameFa="گروه کم‌اثر"))  # low power, low interest
    grid = demo.ok("{ stakeholderGrid { highFrom cells { quadrant labelFa labelEn stakeholders { nameFa power interest } } } }")["stakeholderGrid"]
    cells = {c["quadrant"]: c for c in grid["cells"]}
    assert grid["highFrom"] == 3 and list(cells) == ["MANAGE_CLOSELY", "KEEP_SATISFIED", "KEEP_INFORMED", "MONITOR"]
    assert cells["MANAGE_CLOSELY"]["labelFa"] == "مدیریت نزدیک" and cells["MONITOR"]["labelEn"] == "Monitor"
    assert [s["nameFa"] for s in cells["MONITOR"]["stakeholders"]] == ["گروه کم‌اثر"]
    for cell in grid["cells"]:
        for s in cell["stakeholders"]:
            assert (s["power"] >= 3, s["interest"] >= 3) == {
                "MANAGE_CLOSELY": (True, True), "KEEP_SATISFIED": (True, False),
                "KEEP_INFORMED": (False, True), "MONITOR": (False, False)}[cell["quadrant"]]
    assert sum(len(c["stakeholders"]) for c in grid["cells"]) == 7


def test_create_defaults_beneficiaries_to_the_type_and_checks_links(demo: GraphQL) -> None:
    made = demo.ok(CREATE, input=new(type="CITY_COUNCIL", dutyIds=["du-plan-budget", "du-plan-budget"], planIds=["pl-mashhad-1405"]))
    row = made["createStakeholder"]
    assert row["beneficiaries"] == ["city_council"] and row["dutyIds"] == ["du-plan-budget"] and row["version"] == 1
    missing = demo.errors(CREATE, input=new(dutyIds=["du-nowhere"]))[0]["extensions"]
    assert missing["code"] == "NOT_FOUND" and missing["field"] == "dutyIds"
    plan = demo.errors(CREATE, input=new(planIds=["pl-nowhere"]))[0]["extensions"]
    assert plan["code"] == "NOT_FOUND" and plan["field"] == "planIds"
    for bad in (new(power=6), new(interest=0), new(beneficiaries=["martians"])):
        error = demo.errors(CREATE, input=bad)[0]
        assert error["extensions"]["code"] in ("VALIDATION", "BAD_USER_INPUT") or "Validation" in error["message"], error
    audit = demo.ok('{{ auditEvents(entityId: "{}") {{ nodes {{ action entity }} }} }}'.format(row["id"]))
    assert audit["auditEvents"]["nodes"][0] == {"action": "create", "entity": "Stakeholder"}


def test_idempotent_create_returns_the_first_record(demo: GraphQL) -> None:
    first = demo.ok(CREATE, input=new(), key="stake-1")["createStakeholder"]
    again = demo.ok(CREATE, input=new(), key="stake-1")["createStakeholder"]
    assert again["id"] == first["id"]
    assert demo.errors(CREATE, input=new(power=2), key="stake-1")[0]["extensions"]["code"] == "IDEMPOTENCY_MISMATCH"


def test_update_links_and_archive_are_guarded_by_version(demo: GraphQL) -> None:
    update = "mutation($v: Int) { updateStakeholder(id: \"sh-elites\", input: {interest: 4}, expectedVersion: $v) { interest quadrant version } }"
    moved = demo.ok(update, v=1)["updateStakeholder"]
    assert moved == {"interest": 4, "quadrant": "MANAGE_CLOSELY", "version": 2}
    assert demo.errors(update, v=1)[0]["extensions"]["code"] == "VERSION_CONFLICT"
    link = """mutation($v: Int) { linkStakeholder(id: "sh-elites", links: {issueIds: ["is-plan-reporting"], dutyIds: []},
              expectedVersion: $v) { issueIds dutyIds planIds version } }"""
    linked = demo.ok(link, v=2)["linkStakeholder"]
    assert linked == {"issueIds": ["is-plan-reporting"], "dutyIds": [], "planIds": ["pl-mashhad-1405"], "version": 3}
    assert demo.errors(link, v=2)[0]["extensions"]["code"] == "VERSION_CONFLICT"
    bad = demo.errors('mutation { linkStakeholder(id: "sh-elites", links: {workingGroupIds: ["wg-none"]}) { id } }')
    assert bad[0]["extensions"]["field"] == "workingGroupIds"
    demo.ok('mutation { archiveStakeholder(id: "sh-elites", expectedVersion: 3) { archived } }')
    listed = demo.ok("{ stakeholders { totalCount } stakeholderGrid { cells { stakeholders { id } } } }")
    assert listed["stakeholders"]["totalCount"] == 5
    assert "sh-elites" not in {s["id"] for c in listed["stakeholderGrid"]["cells"] for s in c["stakeholders"]}
    actions = demo.ok('{ auditEvents(entityId: "sh-elites") { nodes { action } } }')["auditEvents"]["nodes"]
    assert {"update", "set_links", "archive"} <= {a["action"] for a in actions}


def test_analysts_write_stakeholders_agencies_do_not(demo: GraphQL) -> None:
    analyst = demo.as_role("analyst")
    assert analyst.ok(CREATE, input=new())["createStakeholder"]["id"].startswith("sh-")
    agency = demo.as_role("agency", "ag-ict")
    assert agency.errors(CREATE, input=new())[0]["extensions"]["code"] == "FORBIDDEN"
    refused = agency.errors('mutation { updateStakeholder(id: "sh-citizens", input: {power: 5}) { id } }')
    assert refused[0]["extensions"]["code"] == "FORBIDDEN"


def test_an_agency_reads_only_the_stakeholders_it_is_party_to(demo: GraphQL) -> None:
    ict = demo.as_role("agency", "ag-ict")  # du-ict-apps serves citizens; is-citizen-feedback concerns it; it owes cm-137-answers
    seen = ict.ok("{ stakeholders(first: 50) { totalCount nodes { id } } stakeholderGrid { cells { stakeholders { id } } } }")
    ids = {n["id"] for n in seen["stakeholders"]["nodes"]}
    assert "sh-citizens" in ids and "sh-council" not in ids and seen["stakeholders"]["totalCount"] == len(ids)
    assert {s["id"] for c in seen["stakeholderGrid"]["cells"] for s in c["stakeholders"]} == ids
    # a stakeholder it is not party to answers exactly like a missing one
    assert ict.ok('{ a: stakeholder(id: "sh-council") { id } b: stakeholder(id: "sh-nowhere") { id } }') == {"a": None, "b": None}
    council = demo.as_role("agency", "ag-council")  # raised is-plan-reporting, voiced by the council group
    assert council.ok('{ stakeholder(id: "sh-council") { id } }')["stakeholder"] == {"id": "sh-council"}
    commitments = ict.ok('{ stakeholder(id: "sh-citizens") { commitments { id ownerId } } }')["stakeholder"]["commitments"]
    assert commitments and all(c["ownerId"] == "ag-ict" for c in commitments)


def test_suggested_duties_come_from_the_beneficiary_vocabulary(demo: GraphQL) -> None:
    rows = demo.ok('{ stakeholder(id: "sh-staff") { dutyIds suggestedDuties { id beneficiaries } } }')["stakeholder"]
    suggested = rows["suggestedDuties"]
    assert suggested and all("municipal_staff" in d["beneficiaries"] for d in suggested)
    assert not {d["id"] for d in suggested} & set(rows["dutyIds"])


def test_the_engagement_log_and_histories_are_read_in_batches(demo: GraphQL) -> None:
    """A page of stakeholders with their logs, and commitments with their histories: one statement per
    level, not one per record (DataLoaders), for six stakeholders as for one."""
    body = demo("{ stakeholders(first: 50) { nodes { engagements { id } } } }")
    assert not body.get("errors") and sum(len(n["engagements"]) for n in body["data"]["stakeholders"]["nodes"]) == 7
    assert body["extensions"]["storeQueries"] == 2  # the page, then one batch of logs
    body = demo("{ commitments { history { status } } }")
    assert len(body["data"]["commitments"]) == 5 and body["extensions"]["storeQueries"] == 2


def test_issues_and_duties_name_their_stakeholders(demo: GraphQL) -> None:
    query = '{ issue(id: "is-citizen-feedback") { stakeholders { id } } duty(id: "du-plan-midterm") { stakeholders { id quadrant } } }'
    seen = demo.ok(query)
    assert seen["issue"]["stakeholders"] == [{"id": "sh-citizens"}]
    assert seen["duty"]["stakeholders"] == [{"id": "sh-council", "quadrant": "MANAGE_CLOSELY"}]
    planning = demo.as_role("agency", "ag-dep-planning").ok(query)  # its duty serves the council; the issue concerns it too
    assert planning["duty"]["stakeholders"] == [{"id": "sh-council", "quadrant": "MANAGE_CLOSELY"}]
    parks = demo.as_role("agency", "ag-parks").ok('{ duty(id: "du-plan-midterm") { stakeholders { id } } }')
    assert parks["duty"]["stakeholders"] == []  # a shared duty, but a stakeholder it is not party to stays out
