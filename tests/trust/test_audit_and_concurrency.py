"""Every change leaves its audit event; concurrent writers lose nothing; retried creates do not double."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx

from tests.conftest import GraphQL

AGENCY = 'mutation { createAgency(input: {id: "ag-a", code: "A", nameFa: "الف", kind: NGO, level: EXTERNAL}) { id } }'
EVENTS = """query($e: ID, $a: String, $f: String, $t: String) { auditEvents(entityId: $e, actor: $a, from: $f, to: $t, first: 100) {
  totalCount nodes { actor role action entity entityId fields before after at } } }"""


def test_every_mutation_writes_its_audit_event(registry: GraphQL) -> None:
    registry.ok(AGENCY)
    registry.ok('mutation { updateAgency(id: "ag-a", input: {nameEn: "Alef"}, expectedVersion: 1) { version } }')
    registry.ok('mutation { archiveAgency(id: "ag-a") { version } }')
    events = registry.ok(EVENTS, e="ag-a")["auditEvents"]
    assert [e["action"] for e in events["nodes"]] == ["archive", "update", "create"]  # newest first
    update = events["nodes"][1]
    assert update["fields"] == ["nameEn"] and update["before"] == {"nameEn": None} and update["after"] == {"nameEn": "Alef"}
    assert update["actor"] == "test-directorate" and update["role"] == "directorate"
    assert events["nodes"][2]["before"] is None and events["nodes"][2]["after"]["nameFa"] == "الف"
    assert registry.ok(EVENTS, a="test-directorate")["auditEvents"]["totalCount"] == 3
    assert registry.ok(EVENTS, e="ag-a", f="1403/01/01", t="2999-01-01")["auditEvents"]["totalCount"] == 3
    assert registry.ok(EVENTS, e="ag-a", t="1400/01/01")["auditEvents"]["totalCount"] == 0
    refused = registry('mutation { updateAgency(id: "ag-a", input: {nameEn: "x"}, expectedVersion: 1) { version } }')
    assert refused["errors"][0]["extensions"]["code"] == "VERSION_CONFLICT"
    assert registry.ok(EVENTS, e="ag-a")["auditEvents"]["totalCount"] == 3  # a refused write leaves no event


def test_a_retried_create_with_an_idempotency_key_creates_once(registry: GraphQL) -> None:
    registry.ok(AGENCY)
    registry.ok('mutation { createAgency(input: {id: "ag-b", code: "B", nameFa: "ب", kind: NGO, level: EXTERNAL}) { id } }')
    document = ('mutation($k: String) { fileRequest(idempotencyKey: $k, input: {senderId: "ag-a", receiverId: "ag-b",'
                ' subject: "یک بار"}) { id } }')  # fmt: skip
    first = registry.ok(document, k="req-123")["fileRequest"]["id"]
    again = registry.ok(document, k="req-123")["fileRequest"]["id"]
    assert again == first
    assert registry.ok("{ requests { totalCount } }")["requests"]["totalCount"] == 1
    assert registry.ok(document, k="req-456")["fileRequest"]["id"] != first


def _hammer(url: str, token: str, document: str, variables: dict, n: int) -> list[dict]:
    def one(i: int) -> dict:
        with httpx.Client(base_url=url, timeout=30, headers={"Authorization": f"Bearer {token}"}) as client:
            return client.post("/graphql", json={"query": document, "variables": variables}).json()

    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(one, range(n)))


def test_concurrent_writers_lose_no_update(registry: GraphQL) -> None:
    registry.ok(AGENCY)
    registry.ok('mutation { createAgency(input: {id: "ag-b", code: "B", nameFa: "ب", kind: NGO, level: EXTERNAL}) { id } }')
    rid = registry.ok('mutation { fileRequest(input: {senderId: "ag-a", receiverId: "ag-b", subject: "s"}) { id } }')["fileRequest"]["id"]
    url = str(registry.client.base_url)

    # 24 writers, each sure the agency is still at version 1: exactly one wins, the others get a conflict
    results = _hammer(url, registry.token or "", 'mutation { updateAgency(id: "ag-a", input: {nameEn: "w"}, expectedVersion: 1) { version } }', {}, 24)
    won = [r for r in results if not r.get("errors")]
    assert len(won) == 1 and all(r["errors"][0]["extensions"]["code"] == "VERSION_CONFLICT" for r in results if r.get("errors"))

    # 24 writers without a version: every accepted write shows in the version and in the trail
    results = _hammer(url, registry.token or "", 'mutation($n: String) { updateAgency(id: "ag-a", input: {nameEn: $n}) { version } }', {"n": "x"}, 24)
    accepted = [r for r in results if not r.get("errors")]
    assert all(r["errors"][0]["extensions"]["code"] == "VERSION_CONFLICT" for r in results if r.get("errors"))
    final = registry.ok('{ agency(id: "ag-a") { version } }')["agency"]["version"]
    assert final == 1 + 1 + len(accepted)
    trail = registry.ok(EVENTS, e="ag-a")["auditEvents"]["totalCount"]
    assert trail == final  # the create plus one event per accepted update

    # 12 receivers racing to acknowledge one request: it moves once, its history has one step
    results = _hammer(url, registry.token or "", f'mutation {{ moveRequest(id: "{rid}", to: ACKNOWLEDGED) {{ status }} }}', {}, 12)
    assert sum(1 for r in results if not r.get("errors")) == 1
    request = registry.ok('query($id: ID!) { request(id: $id) { status version history { toStatus } } }', id=rid)["request"]
    assert request == {"status": "ACKNOWLEDGED", "version": 2, "history": [{"toStatus": "ACKNOWLEDGED"}]}
    assert registry.ok(EVENTS, e=rid)["auditEvents"]["totalCount"] == 2
