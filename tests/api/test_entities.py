"""Every entity through GraphQL over HTTP: create, read, list, filter, paginate, update, archive."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import GraphQL

# entity: (create mutation, input type, input, list field, filter that should match, filter that should not)
CASES: dict[str, tuple[str, str, dict[str, Any], str, dict[str, Any], dict[str, Any]]] = {
    "Agency": ("createAgency", "AgencyInput",
               {"code": "GAS", "nameFa": "شرکت گاز استان", "kind": "UTILITY_COMPANY", "level": "EXTERNAL"},
               "agencies", {"kind": "UTILITY_COMPANY", "q": "گاز"}, {"kind": "NGO"}),
    "Duty": ("createDuty", "DutyInput",
             {"agencyId": "ag-water", "titleFa": "آبرسانی شرب", "functionCode": "06.3", "beneficiaries": ["residents"]},
             "duties", {"functionCode": "06", "agencyId": "ag-water"}, {"functionCode": "01"}),
    "Capacity": ("createCapacity", "CapacityInput",
                 {"agencyId": "ag-city", "titleFa": "زمین بایر", "kind": "LAND", "availableFrom": "۱۴۰۳/۰۱/۰۱",
                  "availableTo": "1403-12-29"},
                 "capacities", {"kind": "LAND", "activeOn": "1403/06/01"}, {"activeOn": "1405/01/01", "kind": "LAND"}),
    "Need": ("createNeed", "NeedInput",
             {"agencyId": "ag-water", "titleFa": "مجوز حفاری", "kind": "SERVICE", "valueRials": 1000},
             "needs", {"kind": "SERVICE", "agencyId": "ag-water"}, {"kind": "FUNDING"}),
    "Issue": ("createIssue", "IssueInput",
              {"raisedById": "ag-water", "concernsIds": ["ag-city"], "titleFa": "تاخیر در صدور مجوز",
               "category": "PERMITS", "severity": "CRITICAL", "raisedOn": "1403/07/01"},
              "issues", {"severity": "CRITICAL", "concernsId": "ag-city", "from": "1403/06/01"}, {"to": "1400/01/01", "severity": "CRITICAL"}),
    "Exchange": ("createExchange", "ExchangeInput",
                 {"kind": "FINANCIAL", "providerId": "ag-water", "receiverId": "ag-city", "titleFa": "پرداخت عوارض",
                  "amountRials": 7_000_000_000, "date": "1404/01/15"},
                 "exchanges", {"jalaliYear": 1404, "minAmount": 5_000_000_000}, {"jalaliYear": 1402, "minAmount": 5_000_000_000}),
    "Request": ("fileRequest", "RequestInput",
                {"senderId": "ag-water", "receiverId": "ag-city", "subject": "هماهنگی حفاری خیابان", "dueDate": "1403/01/10"},
                "requests", {"overdue": True, "senderId": "ag-water"}, {"status": "DONE", "senderId": "ag-water"}),
    "WorkingGroup": ("createWorkingGroup", "WorkingGroupInput",
                     {"nameFa": "کارگروه حفاری", "members": [{"agencyId": "ag-city", "role": "LEAD"}], "dutyIds": ["du-green"]},
                     "workingGroups", {"agencyId": "ag-city", "q": "حفاری"}, {"agencyId": "ag-parks", "q": "حفاری"}),
}  # fmt: skip


def _lower(name: str) -> str:
    return name[0].lower() + name[1:]


@pytest.fixture()
def small(registry: GraphQL) -> GraphQL:
    from service.io.workbook import bundle_to_xlsx
    from tests.factories import small_bundle

    files = {"file": ("small.xlsx", bundle_to_xlsx(small_bundle()))}
    response = registry.post("/registry/import", files=files)
    assert response.status_code == 200, response.text
    return registry


@pytest.mark.parametrize("entity", list(CASES))
def test_entity_lifecycle(small: GraphQL, entity: str) -> None:
    mutation, input_type, data, list_field, match, miss = CASES[entity]
    lookup = _lower(entity)
    created = small.ok(f"mutation($i: {input_type}!) {{ {mutation}(input: $i) {{ id version archived }} }}", i=data)[mutation]
    ident = created["id"]
    assert created["version"] == 1 and created["archived"] is False

    assert small.ok(f'query($id: ID!) {{ {lookup}(id: $id) {{ id }} }}', id=ident)[lookup] == {"id": ident}

    filt = f"{entity}Filter" if entity not in ("Capacity", "Need") else "ResourceFilter"
    listing = f"query($f: {filt}) {{ {list_field}(filter: $f, first: 50) {{ totalCount nodes {{ id }} }} }}"
    found = small.ok(listing, f=match)[list_field]
    assert ident in {n["id"] for n in found["nodes"]} and found["totalCount"] == len(found["nodes"])
    assert ident not in {n["id"] for n in small.ok(listing, f=miss)[list_field]["nodes"]}

    patch_field = {"Agency": "nameEn", "Request": "subject", "WorkingGroup": "nameEn"}.get(entity, "titleEn")
    update = f"mutation($id: ID!, $p: {entity}Patch!, $v: Int) {{ update{entity}(id: $id, input: $p, expectedVersion: $v) {{ version }} }}"
    assert small.ok(update, id=ident, p={patch_field: "Renamed"}, v=1)[f"update{entity}"]["version"] == 2
    stale = small.errors(update, id=ident, p={patch_field: "Again"}, v=1)
    assert stale[0]["extensions"]["code"] == "VERSION_CONFLICT"
    assert stale[0]["extensions"]["details"]["currentVersion"] == 2

    archive = f"mutation($id: ID!) {{ archive{entity}(id: $id) {{ archived }} }}"
    assert small.ok(archive, id=ident)[f"archive{entity}"]["archived"] is True
    assert ident not in {n["id"] for n in small.ok(listing, f=match)[list_field]["nodes"]}
    with_archived = small.ok(listing, f={**match, "includeArchived": True})[list_field]["nodes"]
    assert ident in {n["id"] for n in with_archived}


def test_cursor_pagination_walks_every_agency_once(small: GraphQL) -> None:
    for i in range(7):
        small.ok("mutation($i: AgencyInput!) { createAgency(input: $i) { id } }",
                 i={"code": f"D{i}", "nameFa": f"منطقه {i}", "kind": "DISTRICT", "level": "DISTRICT", "parentId": "ag-city"})  # fmt: skip
    seen: list[str] = []
    after = None
    while True:
        page = small.ok(
            "query($a: String) { agencies(first: 3, after: $a, sort: CODE) { totalCount edges { cursor node { code } }"
            " pageInfo { hasNextPage endCursor } } }",
            a=after,
        )["agencies"]
        seen += [e["node"]["code"] for e in page["edges"]]
        assert len(page["edges"]) <= 3 and page["totalCount"] == 10
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == 10
    desc = small.ok("{ agencies(first: 2, sort: CODE, desc: true) { nodes { code } } }")["agencies"]["nodes"]
    assert [n["code"] for n in desc] == sorted(seen, reverse=True)[:2]
    too_big = small.errors("{ agencies(first: 1000) { totalCount } }")
    assert too_big[0]["extensions"]["code"] == "PAGE_SIZE"
    assert small.errors('{ agencies(after: "garbage") { totalCount } }')[0]["extensions"]["code"] == "BAD_CURSOR"
    children = small.ok('{ agencies(filter: {parentId: "ag-city"}, first: 50) { totalCount } }')
    assert children["agencies"]["totalCount"] == 8  # seven districts and the parks organisation


def test_traversals_from_an_agency(small: GraphQL) -> None:
    data = small.ok(
        """{ agency(id: "ag-parks") {
            parent { code } duties { id role } needs { id } requestsSent { id status history { toStatus } }
            exchangesReceived { id amount(unit: TOMAN) provider { code } }
            workingGroups { role group { id members { agency { code } role } } }
            issuesReceived { id }
        } }"""
    )["agency"]
    assert data["parent"] == {"code": "MSH"}
    assert data["duties"] == [{"id": "du-green", "role": "LEAD"}]
    assert data["needs"] == [{"id": "ne-parks"}]
    assert data["requestsSent"] == [{"id": "rq-1", "status": "ACKNOWLEDGED", "history": [{"toStatus": "ACKNOWLEDGED"}]}]
    money = {e["id"]: e["amount"] for e in data["exchangesReceived"]}
    assert money["ex-1"] == 200_000_000  # 2,000,000,000 rials are 200,000,000 tomans
    assert data["workingGroups"][0]["role"] == "MEMBER"
    water = small.ok('{ agency(id: "ag-water") { issuesReceived { id raisedBy { code } blocksDuty { id } } exchangesGiven { id duty { id } } } }')
    assert water["agency"]["issuesReceived"] == [{"id": "is-dig", "raisedBy": {"code": "MSH"}, "blocksDuty": {"id": "du-green"}}]


def test_aggregates(small: GraphQL) -> None:
    stats = small.ok(
        "{ stats { requestsByStatus { status count } issuesByStatus { status count }"
        " exchangeTotals { kind jalaliYear count amount } } }"
    )["stats"]
    assert stats["requestsByStatus"] == [{"status": "acknowledged", "count": 1}]
    totals = {(t["kind"], t["jalaliYear"]): (t["count"], t["amount"]) for t in stats["exchangeTotals"]}
    assert totals[("FINANCIAL", 1403)] == (1, 2_000_000_000)
    assert totals[("INFRASTRUCTURE", 1402)] == (1, 0)


def test_a_page_of_agencies_with_their_duties_costs_a_bounded_number_of_queries(small: GraphQL) -> None:
    query = "{ agencies(first: 50) { nodes { code duties { id agency { code } } capacities { id } parent { code } } } }"
    before = small(query)["extensions"]["storeQueries"]
    for i in range(12):
        small.ok("mutation($i: AgencyInput!) { createAgency(input: $i) { id } }",
                 i={"code": f"X{i}", "nameFa": f"دستگاه {i}", "kind": "NGO", "level": "EXTERNAL", "parentId": "ag-water"})  # fmt: skip
    after = small(query)["extensions"]["storeQueries"]
    assert after == before <= 5, (before, after)
