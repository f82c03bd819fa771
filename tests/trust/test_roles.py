"""Who may do what: every role against every mutation, private reads, tokens in and out."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.settings import Settings
from tests.conftest import GraphQL
from tests.factories import small_bundle

# mutation document, and which callers may run it: "directorate", "own" (an agency token of
# ag-parks, the record's owner or party) and "other" (an agency token of ag-water, not the owner).
# The others are refused: FORBIDDEN, or NOT_FOUND where the record is private and they are no
# party to it (HIDDEN), exactly as for an id that does not exist.
MUTATIONS: dict[str, tuple[str, set[str]]] = {
    "createAgency": ('mutation { createAgency(input: {code: "N", nameFa: "ن", kind: NGO, level: EXTERNAL}) { id } }', {"directorate"}),
    "updateAgency": ('mutation { updateAgency(id: "ag-parks", input: {nameEn: "x"}) { id } }', {"directorate"}),
    "archiveAgency": ('mutation { archiveAgency(id: "ag-parks") { id } }', {"directorate"}),
    "moveAgency": ('mutation { moveAgency(id: "ag-water", parentId: "ag-city") { id } }', {"directorate"}),
    "createDuty": ('mutation { createDuty(input: {agencyId: "ag-parks", titleFa: "x", functionCode: "06.2"}) { id } }', {"directorate"}),
    "updateDuty": ('mutation { updateDuty(id: "du-green", input: {titleEn: "x"}) { id } }', {"directorate"}),
    "createCapacity": ('mutation { createCapacity(input: {agencyId: "ag-parks", titleFa: "x", kind: LAND}) { id } }', {"directorate", "own"}),
    "updateCapacity": ('mutation { updateCapacity(id: "ca-water", input: {titleEn: "x"}) { id } }', {"directorate", "other"}),  # ag-water owns it
    "createNeed": ('mutation { createNeed(input: {agencyId: "ag-parks", titleFa: "x", kind: DATA}) { id } }', {"directorate", "own"}),
    "updateNeed": ('mutation { updateNeed(id: "ne-parks", input: {titleEn: "x"}) { id } }', {"directorate", "own"}),
    "archiveNeed": ('mutation { archiveNeed(id: "ne-parks") { id } }', {"directorate", "own"}),
    "createIssue": ('mutation { createIssue(input: {raisedById: "ag-parks", concernsIds: ["ag-water"], titleFa: "x", '
                    'category: LEGAL, severity: LOW}) { id } }', {"directorate", "own"}),
    "updateIssue": ('mutation { updateIssue(id: "is-dig", input: {titleEn: "x"}) { id } }', {"directorate"}),  # raised by ag-city
    "createExchange": ('mutation { createExchange(input: {kind: SERVICE, providerId: "ag-parks", receiverId: "ag-water", '
                       'titleFa: "x", date: "1403/01/01"}) { id } }', {"directorate"}),
    "fileRequest": ('mutation { fileRequest(input: {senderId: "ag-parks", receiverId: "ag-water", subject: "x"}) { id } }', {"directorate", "own"}),
    "updateRequest": ('mutation { updateRequest(id: "rq-1", input: {subject: "y"}) { id } }', {"directorate", "own"}),
    "moveRequest": ('mutation { moveRequest(id: "rq-1", to: WITHDRAWN) { id } }', {"directorate", "own"}),  # sender withdraws
    "createWorkingGroup": ('mutation { createWorkingGroup(input: {nameFa: "x"}) { id } }', {"directorate"}),
    "setWorkingGroupMember": ('mutation { setWorkingGroupMember(id: "wg-water", agencyId: "ag-city", role: MEMBER) { id } }', {"directorate"}),
    "setFindingVerdict": ('mutation { setFindingVerdict(findingId: "dup:du-green:du-sewer", verdict: DISMISSED) { verdict } }', {"directorate"}),
    "createApiToken": ('mutation { createApiToken(role: ANALYST, name: "x") { token } }', {"directorate"}),
}  # fmt: skip
HIDDEN: dict[str, set[str]] = {"updateNeed": {"other"}, "archiveNeed": {"other"}, "updateIssue": {"own"}}


@pytest.fixture()
def small(registry: GraphQL) -> GraphQL:
    from service.io.workbook import bundle_to_xlsx

    assert registry.post("/registry/import", files={"file": ("s.xlsx", bundle_to_xlsx(small_bundle()))}).status_code == 200
    return registry


@pytest.mark.parametrize("caller", ["directorate", "analyst", "own", "other"])
def test_each_role_against_each_mutation(small: GraphQL, caller: str) -> None:
    client = {
        "directorate": small, "analyst": small.as_role("analyst"),
        "own": small.as_role("agency", "ag-parks"), "other": small.as_role("agency", "ag-water"),
    }[caller]  # fmt: skip
    for name, (document, allowed) in MUTATIONS.items():
        body = client(document)
        if caller in allowed:
            assert not body.get("errors"), (caller, name, body)
        elif caller in HIDDEN.get(name, ()):
            assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND", (caller, name, body)
        else:
            assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", (caller, name, body)


def test_agencies_read_only_what_concerns_them(small: GraphQL) -> None:
    water = small.as_role("agency", "ag-water")
    city = small.as_role("agency", "ag-city")
    assert {n["id"] for n in water.ok("{ requests { nodes { id } } }")["requests"]["nodes"]} == {"rq-1"}
    assert city.ok("{ requests { totalCount nodes { id } } }")["requests"] == {"totalCount": 0, "nodes": []}
    assert city.ok('{ request(id: "rq-1") { id } }')["request"] is None  # as for a missing id
    assert city.ok('{ agency(id: "ag-parks") { needs { id } requestsSent { id } duties { id } } }')["agency"] == {
        "needs": [], "requestsSent": [], "duties": [{"id": "du-green"}],  # duties are shared, needs are not
    }  # fmt: skip
    assert {n["id"] for n in city.ok("{ exchanges { nodes { id } } }")["exchanges"]["nodes"]} == {"ex-1"}
    assert city.ok("{ capacities { totalCount } }")["capacities"]["totalCount"] == 1  # capacities are shared
    assert city.errors("{ analyses { alignment { items { id } } } }")[0]["extensions"]["code"] == "FORBIDDEN"
    assert city.errors("{ auditEvents { totalCount } }")[0]["extensions"]["code"] == "FORBIDDEN"
    analyst = small.as_role("analyst")
    assert analyst.ok("{ requests { totalCount } }")["requests"]["totalCount"] == 1
    assert analyst.ok("{ analyses { alignment { items { id } } } }")["analyses"]["alignment"]["items"]
    assert analyst.get("/registry/export.json").status_code == 200
    assert city.get("/registry/export.json").status_code == 403
    assert analyst.post("/registry/import", files={"file": ("x.json", b"{}")}).status_code == 403


def test_no_token_unknown_token_and_revoked_token_are_refused(small: GraphQL) -> None:
    response = small.client.post("/graphql", json={"query": "{ me { role } }"})
    assert response.status_code == 401 and response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    forged = small.client.post("/graphql", json={"query": "{ me { role } }"}, headers={"Authorization": "Bearer hmh_forged"})
    assert forged.status_code == 401
    made = small.ok('mutation { createApiToken(role: AGENCY, agencyId: "ag-parks", name: "پارک‌ها") { token record { id } } }')
    token, ident = made["createApiToken"]["token"], made["createApiToken"]["record"]["id"]
    parks = GraphQL(small.client, token)
    assert parks.ok("{ me { role agencyId } }")["me"] == {"role": "agency", "agencyId": "ag-parks"}
    listed = small.ok("{ apiTokens { id role revokedAt } }")["apiTokens"]
    assert any(t["id"] == ident for t in listed) and "hash" not in str(listed)
    small.ok("mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }", id=ident)
    assert small.client.post("/graphql", json={"query": "{ me { role } }"}, headers=parks.headers).status_code == 401


def test_token_cli(tmp_path: Path) -> None:
    env = {**os.environ, "HAMAHANG_DATA_DIR": str(tmp_path), "HAMAHANG_GRAPH_NAME": "tokens"}
    run = [sys.executable, "-m", "service"]
    subprocess.run([*run, "demo"], env=env, check=True, capture_output=True, timeout=120)
    made = subprocess.run([*run, "token", "create", "--role", "agency", "--agency", "ag-parks"],
                          env=env, check=True, capture_output=True, text=True, timeout=60)  # fmt: skip
    ident = made.stdout.split()[0]
    assert "token (shown once): hmh_" in made.stdout
    listed = subprocess.run([*run, "token", "list"], env=env, check=True, capture_output=True, text=True, timeout=60)
    assert f"{ident}\tagency\tag-parks" in listed.stdout and "live" in listed.stdout
    subprocess.run([*run, "token", "revoke", ident], env=env, check=True, capture_output=True, timeout=60)
    listed = subprocess.run([*run, "token", "list"], env=env, check=True, capture_output=True, text=True, timeout=60)
    assert "revoked" in listed.stdout
    bad = subprocess.run([*run, "token", "create", "--role", "agency"], env=env, capture_output=True, text=True, timeout=60)
    assert bad.returncode != 0


def test_development_token_is_made_only_when_none_exists(registry: GraphQL) -> None:
    from service.auth.tokens import ensure_development_token
    from tests.conftest import run_on_store

    assert run_on_store(registry.settings, ensure_development_token) is None  # the fixture's token exists
    registry.ok("mutation($id: ID!) { revokeApiToken(id: $id) { id } }", id=registry.ok("{ apiTokens { id } }")["apiTokens"][0]["id"])
    made = run_on_store(registry.settings, ensure_development_token)
    assert made and made.startswith("hmh_")


def test_a_revocation_made_elsewhere_bites_within_the_token_cache_time(settings: Settings) -> None:
    """The app remembers a token's actor for ``token_cache_s``: a revocation through another process
    (here: straight on the store, as the CLI does) is refused once that time has passed."""
    from service.auth.tokens import list_tokens, revoke_token
    from tests.conftest import LiveServer, make_token, run_on_store

    cached = settings.model_copy(update={"token_cache_s": 1.5})
    with LiveServer(cached) as live, httpx.Client(base_url=live.url) as client:
        token = make_token(cached, "analyst")
        headers = {"Authorization": f"Bearer {token}"}
        assert client.post("/graphql", json={"query": "{ me { role } }"}, headers=headers).status_code == 200

        async def revoke(store: Any) -> None:
            for row in await list_tokens(store):
                if row.get("role") == "analyst" and not row.get("revokedAt"):
                    await revoke_token(store, row["id"])

        run_on_store(cached, revoke)
        started = time.monotonic()
        while client.post("/graphql", json={"query": "{ me { role } }"}, headers=headers).status_code == 200:
            assert time.monotonic() - started < 1.5 + 1.0, "the revoked token still works after the cache time"
            time.sleep(0.1)
        assert client.post("/graphql", json={"query": "{ me { role } }"}, headers=headers).status_code == 401
