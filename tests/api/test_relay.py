"""Relay object identification (``Node``, ``node(id:)``, ``nodes(ids:)``) and the ``DateTime`` scalar."""

from __future__ import annotations

import datetime as dt

from tests.conftest import GraphQL

LISTS = {
    "agencies": "Agency", "duties": "Duty", "capacities": "Capacity", "needs": "Need",
    "issues": "Issue", "exchanges": "Exchange", "requests": "Request", "workingGroups": "WorkingGroup",
}  # fmt: skip


def test_node_refetches_every_kind_by_its_id(demo: GraphQL) -> None:
    ids = {}
    for field, type_name in LISTS.items():
        nodes = demo.ok(f"{{ {field}(first: 1) {{ nodes {{ id }} }} }}")[field]["nodes"]
        assert nodes, field
        ids[nodes[0]["id"]] = type_name
    for ident, type_name in ids.items():
        got = demo.ok("query($id: ID!) { node(id: $id) { __typename id } }", id=ident)["node"]
        assert got == {"__typename": type_name, "id": ident}
    order = [*ids, "ag-missing", next(iter(ids))]
    got = demo.ok("query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Agency { code } } }", ids=order)["nodes"]
    assert [n and n["id"] for n in got] == [*ids, None, next(iter(ids))]


def test_node_answers_null_for_a_record_the_agency_may_not_read(demo: GraphQL) -> None:
    requests = demo.ok("{ requests(first: 100) { nodes { id senderId receiverId } } }")["requests"]["nodes"]
    me = requests[0]["senderId"]
    theirs = next(r["id"] for r in requests if me not in (r["senderId"], r["receiverId"]))
    agency = demo.as_role("agency", me)
    got = agency.ok("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", ids=[requests[0]["id"], theirs])["nodes"]
    assert got == [{"id": requests[0]["id"]}, None]


def test_timestamps_are_datetime_and_parse_as_iso_strings(demo: GraphQL) -> None:
    fields = demo.ok('{ __type(name: "Agency") { fields { name type { ofType { name } } } } }')["__type"]["fields"]
    kinds = {f["name"]: f["type"]["ofType"]["name"] for f in fields if f["name"] in ("createdAt", "updatedAt")}
    assert kinds == {"createdAt": "DateTime", "updatedAt": "DateTime"}
    row = demo.ok("{ agencies(first: 1) { nodes { createdAt updatedAt } } }")["agencies"]["nodes"][0]
    created = dt.datetime.fromisoformat(row["createdAt"])
    assert created.tzinfo is not None and created <= dt.datetime.now(dt.UTC)
    assert dt.datetime.fromisoformat(row["updatedAt"]) >= created
