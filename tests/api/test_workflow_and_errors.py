"""The request workflow refuses illegal moves; bad input gets clear Persian and English errors."""

from __future__ import annotations

from tests.conftest import GraphQL

AGENCIES = """mutation {
  a: createAgency(input: {id: "ag-a", code: "A", nameFa: "دستگاه الف", kind: NGO, level: EXTERNAL}) { id }
  b: createAgency(input: {id: "ag-b", code: "B", nameFa: "دستگاه ب", kind: NGO, level: EXTERNAL}) { id }
}"""
MOVE = ("mutation($id: ID!, $to: RequestStatus!, $c: String) { moveRequest(id: $id, to: $to, comment: $c) "
        "{ status version history { fromStatus toStatus comment by } } }")


def test_request_goes_through_its_workflow(registry: GraphQL) -> None:
    registry.ok(AGENCIES)
    filed = registry.ok(
        'mutation { fileRequest(input: {senderId: "ag-a", receiverId: "ag-b", subject: "درخواست", dueDate: "1404/01/01"})'
        " { id status nextStatuses dueDateJalali } }"
    )["fileRequest"]
    assert filed["status"] == "SUBMITTED" and filed["dueDateJalali"] == "1404/01/01"
    assert set(filed["nextStatuses"]) == {"ACKNOWLEDGED", "WITHDRAWN"}
    rid = filed["id"]
    illegal = registry.errors(MOVE, id=rid, to="DONE")[0]["extensions"]
    assert illegal["code"] == "ILLEGAL_TRANSITION" and illegal["field"] == "status"
    assert illegal["messageFa"] and illegal["details"]["allowed"] == ["acknowledged", "withdrawn"]
    for step in ("ACKNOWLEDGED", "IN_PROGRESS", "DONE"):
        moved = registry.ok(MOVE, id=rid, to=step, c=f"گام {step}")["moveRequest"]
        assert moved["status"] == step
    assert [h["toStatus"] for h in moved["history"]] == ["ACKNOWLEDGED", "IN_PROGRESS", "DONE"]
    assert moved["history"][0]["fromStatus"] == "SUBMITTED" and moved["version"] == 4
    assert registry.errors(MOVE, id=rid, to="WITHDRAWN")[0]["extensions"]["code"] == "ILLEGAL_TRANSITION"


def test_validation_errors_name_the_field_in_both_languages(registry: GraphQL) -> None:
    errors = registry.errors(
        'mutation { createAgency(input: {code: "", nameFa: "x", kind: NGO, level: EXTERNAL, contactEmail: "no"}) { id } }'
    )
    ext = errors[0]["extensions"]
    assert ext["code"] == "VALIDATION"
    fields = {d["field"] for d in ext["details"]}
    assert fields == {"code", "contactEmail"}
    assert all(d["messageFa"] and d["messageEn"] for d in ext["details"])


def test_bad_jalali_date_is_a_validation_error(registry: GraphQL) -> None:
    registry.ok(AGENCIES)
    ext = registry.errors(
        'mutation { fileRequest(input: {senderId: "ag-a", receiverId: "ag-b", subject: "x", dueDate: "1403/13/40"}) { id } }'
    )[0]["extensions"]
    assert ext["code"] == "VALIDATION" and ext["field"] == "dueDate" and "۱۴۰۳" in ext["messageFa"]


def test_missing_reference_names_the_field_and_writes_nothing(registry: GraphQL) -> None:
    registry.ok(AGENCIES)
    ext = registry.errors(
        'mutation { createIssue(input: {raisedById: "ag-a", concernsIds: ["ag-b", "ag-nope"], titleFa: "x",'
        " category: LEGAL, severity: LOW}) { id } }"
    )[0]["extensions"]
    assert ext["code"] == "NOT_FOUND" and ext["field"] == "concernsIds"
    assert registry.ok("{ issues { totalCount } }")["issues"]["totalCount"] == 0


def test_financial_exchange_needs_an_amount_and_a_duty_of_the_provider(registry: GraphQL) -> None:
    registry.ok(AGENCIES)
    ext = registry.errors(
        'mutation { createExchange(input: {kind: FINANCIAL, providerId: "ag-a", receiverId: "ag-b", titleFa: "x",'
        ' date: "1403/01/01"}) { id } }'
    )[0]["extensions"]
    assert ext["code"] == "VALIDATION" and ext["field"] == "amountRials"
    registry.ok('mutation { createDuty(input: {id: "du-b", agencyId: "ag-b", titleFa: "وظیفه", functionCode: "06.2"}) { id } }')
    ext = registry.errors(
        'mutation { createExchange(input: {kind: SERVICE, providerId: "ag-a", receiverId: "ag-b", titleFa: "x",'
        ' date: "1403/01/01", dutyId: "du-b"}) { id } }'
    )[0]["extensions"]
    assert ext["code"] == "INVALID_REFERENCE"


def test_duplicate_id_is_a_conflict(registry: GraphQL) -> None:
    registry.ok(AGENCIES)
    ext = registry.errors('mutation { createAgency(input: {id: "ag-a", code: "A2", nameFa: "x", kind: NGO, level: EXTERNAL}) { id } }')
    assert ext[0]["extensions"]["code"] == "DUPLICATE"


def test_agency_tree_refuses_cycles(registry: GraphQL) -> None:
    registry.ok(AGENCIES)
    move = "mutation($id: ID!, $p: ID) { moveAgency(id: $id, parentId: $p) { parentId } }"
    assert registry.ok(move, id="ag-b", p="ag-a")["moveAgency"]["parentId"] == "ag-a"
    assert registry.errors(move, id="ag-a", p="ag-b")[0]["extensions"]["code"] == "CYCLE"
    assert registry.errors(move, id="ag-a", p="ag-a")[0]["extensions"]["code"] == "CYCLE"
    assert registry.ok(move, id="ag-b", p=None)["moveAgency"]["parentId"] is None


def test_a_broken_document_gets_a_code(registry: GraphQL) -> None:
    errors = registry.errors("{ agencies { nope } }")
    assert errors[0]["extensions"]["code"] == "BAD_REQUEST"


def test_working_group_membership_changes(registry: GraphQL) -> None:
    registry.ok(AGENCIES)
    group = registry.ok('mutation { createWorkingGroup(input: {nameFa: "کارگروه", members: [{agencyId: "ag-a", role: LEAD}]}) { id version } }')
    gid = group["createWorkingGroup"]["id"]
    seat = ("mutation($g: ID!, $a: ID!, $r: MemberRole!, $v: Int) { setWorkingGroupMember(id: $g, agencyId: $a, role: $r, "
            "expectedVersion: $v) { version members { agencyId role } } }")
    added = registry.ok(seat, g=gid, a="ag-b", r="SUPERVISOR", v=1)["setWorkingGroupMember"]
    assert sorted((m["agencyId"], m["role"]) for m in added["members"]) == [("ag-a", "LEAD"), ("ag-b", "SUPERVISOR")]
    assert registry.errors(seat, g=gid, a="ag-b", r="MEMBER", v=1)[0]["extensions"]["code"] == "VERSION_CONFLICT"
    assert registry.errors(seat, g=gid, a="ag-nope", r="MEMBER")[0]["extensions"]["field"] == "agencyId"
    removed = registry.ok(
        'mutation($g: ID!) { removeWorkingGroupMember(id: $g, agencyId: "ag-a") { members { agencyId } } }', g=gid
    )["removeWorkingGroupMember"]
    assert removed["members"] == [{"agencyId": "ag-b"}]
    groups_of_b = registry.ok('{ agency(id: "ag-b") { workingGroups { role group { id } } } }')["agency"]["workingGroups"]
    assert groups_of_b == [{"role": "SUPERVISOR", "group": {"id": gid}}]


def test_function_code_must_be_in_the_taxonomy(registry: GraphQL) -> None:
    registry.ok(AGENCIES)
    ext = registry.errors('mutation { createDuty(input: {agencyId: "ag-a", titleFa: "x", functionCode: "99.9"}) { id } }')[0]["extensions"]
    assert ext["code"] == "VALIDATION" and ext["field"] == "functionCode" and "COFOG" in ext["messageFa"]
    made = registry.ok('mutation { createDuty(input: {agencyId: "ag-a", titleFa: "x", functionCode: "06.2"}) { functionNameFa functionNameEn } }')
    assert made["createDuty"]["functionNameEn"] == "Community development" and made["createDuty"]["functionNameFa"]
