"""What one WebSocket may do (graphql-transport-ws, a real socket to the live app): subscriptions only,
each read with a context of its own and fresh rows at every event, and none heard past its token's
revocation. Strawberry gives a connection one context for all its operations; these failed on it."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import InvalidStatus

from tests.conftest import GraphQL, LiveServer
from tests.ws import first_message, ws_url

FILE = """mutation($s: String!, $r: String!) { fileRequest(input: {senderId: $s, receiverId: $r,
  subject: "آزمون وب‌سوکت"}) { id } }"""
MOVE = "mutation($id: ID!) { moveRequest(id: $id, to: ACKNOWLEDGED) { id } }"


async def _socket(url: str, token: str) -> ClientConnection:
    ws = await connect(url, subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
                       additional_headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    await ws.send(json.dumps({"type": "connection_init"}))
    assert json.loads(await ws.recv())["type"] == "connection_ack"
    return ws


async def _subscribe(ws: ClientConnection, ident: str, query: str) -> None:
    await ws.send(json.dumps({"id": ident, "type": "subscribe", "payload": {"query": query}}))


async def _message(ws: ClientConnection) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(await asyncio.wait_for(ws.recv(), 15))
    return message


def _parties(demo: GraphQL) -> tuple[str, str]:
    agencies = demo.ok("{ agencies(first: 100) { nodes { id } } }")["agencies"]["nodes"]
    return agencies[0]["id"], agencies[1]["id"]


def test_a_socket_runs_subscriptions_only(demo: GraphQL, live: LiveServer) -> None:
    """A query or a mutation sent over the socket is refused, in both languages, and not run: it would
    have skipped the cost limit HTTP applies."""
    url = ws_url(live.url)
    for document in ("{ agencies(first: 1) { nodes { id } } }",
                     'mutation { createApiToken(role: ANALYST, name: "over-the-socket") { token } }'):  # fmt: skip
        message = asyncio.run(first_message(url, str(demo.token), document))
        assert message["type"] == "error", message
        (error,) = message["payload"]
        assert error["extensions"]["code"] == "BAD_REQUEST" and "POST /graphql" in error["message"], error
        assert "وب‌سوکت" in error["extensions"]["messageFa"], error
    names = [t["name"] for t in demo.ok("{ apiTokens { name } }")["apiTokens"]]
    assert "over-the-socket" not in names, "the refused mutation must not have run"


def test_two_subscriptions_on_one_socket_each_read_their_own_fields_and_fresh_rows(demo: GraphQL, live: LiveServer) -> None:
    """Two subscriptions on one socket ask the same paths for different fields: each gets its own. And
    a request's history at its second event holds the step just taken (rows were kept from the first)."""
    sender, receiver = _parties(demo)
    url = ws_url(live.url)
    narrow = "subscription { requestEvents { action request { id sender { duties { id } } } } }"
    wide = ("subscription { requestEvents { action request { id history { toStatus } "
            "sender { duties { id titleFa } } } } }")  # fmt: skip

    async def scenario() -> dict[str, list[dict[str, Any]]]:
        ws = await _socket(url, str(demo.token))
        heard: dict[str, list[dict[str, Any]]] = {"1": [], "2": []}
        try:
            await _subscribe(ws, "1", narrow)
            await _subscribe(ws, "2", wide)
            await asyncio.sleep(0.3)  # the server starts each subscription after its subscribe message
            filed = await asyncio.to_thread(demo.ok, FILE, s=sender, r=receiver)
            await asyncio.to_thread(demo.ok, MOVE, id=filed["fileRequest"]["id"])
            while len(heard["1"]) < 2 or len(heard["2"]) < 2:
                message = await _message(ws)
                assert message["type"] == "next" and not message["payload"].get("errors"), message
                heard[message["id"]].append(message["payload"]["data"]["requestEvents"])
        finally:
            await ws.close()
        return heard

    heard = asyncio.run(scenario())
    assert [e["action"] for e in heard["2"]] == ["FILED", "MOVED"]
    duties = heard["2"][0]["request"]["sender"]["duties"]
    assert duties and all(d["titleFa"] for d in duties), "the second subscription's own fields"
    assert all(set(d) == {"id"} for d in heard["1"][0]["request"]["sender"]["duties"])
    assert heard["2"][0]["request"]["history"] == []  # filed: no step taken yet
    assert [s["toStatus"] for s in heard["2"][1]["request"]["history"]] == ["ACKNOWLEDGED"]


def test_a_revoked_token_hears_no_more(demo: GraphQL, live: LiveServer) -> None:
    """An agency subscribed, then its token was revoked: the next event ends the subscription with
    UNAUTHENTICATED instead of telling it of the request."""
    sender, receiver = _parties(demo)
    made = demo.ok("""mutation($a: ID!) { createApiToken(role: AGENCY, name: "revoked-mid-way", agencyId: $a) {
        token record { id } } }""", a=sender)["createApiToken"]  # fmt: skip
    url = ws_url(live.url)

    async def scenario() -> list[dict[str, Any]]:
        ws = await _socket(url, made["token"])
        got: list[dict[str, Any]] = []
        try:
            await _subscribe(ws, "1", "subscription { requestEvents { action request { id subject } } }")
            await asyncio.sleep(0.3)
            filed = await asyncio.to_thread(demo.ok, FILE, s=sender, r=receiver)
            got.append(await _message(ws))  # heard while the token stood
            await asyncio.to_thread(demo.ok, 'mutation($id: ID!) { revokeApiToken(id: $id) { id } }', id=made["record"]["id"])
            await asyncio.to_thread(demo.ok, MOVE, id=filed["fileRequest"]["id"])
            got.append(await _message(ws))
            got.append(await _message(ws))
        finally:
            await ws.close()
        return got

    filed, ended, complete = asyncio.run(scenario())
    assert filed["type"] == "next" and filed["payload"]["data"]["requestEvents"]["action"] == "FILED", filed
    assert ended["type"] == "next" and ended["payload"]["data"] is None, ended
    assert ended["payload"]["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED", ended
    assert complete["type"] == "complete", complete


def test_the_older_protocol_runs_subscriptions_only_too(demo: GraphQL, live: LiveServer) -> None:
    """graphql-ws (Apollo's older protocol) goes through the same gate."""

    async def scenario() -> dict[str, Any]:
        async with connect(ws_url(live.url), subprotocols=["graphql-ws"],  # type: ignore[list-item]
                           additional_headers={"Authorization": f"Bearer {demo.token}"}) as ws:  # fmt: skip
            await ws.send(json.dumps({"type": "connection_init"}))
            assert json.loads(await ws.recv())["type"] == "connection_ack"
            await ws.send(json.dumps({"id": "1", "type": "start", "payload": {"query": "{ agencies(first: 1) { nodes { id } } }"}}))
            while True:
                message = await _message(ws)
                if message["type"] != "ka":  # keep-alives come between
                    return message

    message = asyncio.run(scenario())
    assert message["type"] == "error", message
    assert message["payload"]["extensions"]["code"] == "BAD_REQUEST", message


def test_a_subscription_sent_over_http_is_refused_in_both_languages(demo: GraphQL) -> None:
    """Over POST or GET a subscription ended as INTERNAL (its resolver's stream is no value)."""
    document = "subscription { requestEvents { action } }"
    for response in (demo.post("/graphql", json={"query": document}), demo.get("/graphql", params={"query": document})):
        assert response.status_code == 400, response.text
        errors = response.json()["errors"]
        assert errors[0]["extensions"]["code"] == "BAD_REQUEST", errors
        assert "WebSocket" in errors[0]["message"] and "وب‌سوکت" in errors[0]["extensions"]["messageFa"], errors


def test_what_a_socket_refuses_it_says_with_a_code_and_in_persian(demo: GraphQL, live: LiveServer) -> None:
    """A document that does not fit the schema, one past the token limit, one subscription past the
    socket's limit, and, once its token is revoked, any new subscription: each refused with a code and
    a Persian message (strawberry's own answers had neither)."""
    sender, _ = _parties(demo)
    made = demo.ok("""mutation($a: ID!) { createApiToken(role: AGENCY, name: "socket-refusals", agencyId: $a) {
        token record { id } } }""", a=sender)["createApiToken"]  # fmt: skip
    settings = demo.settings
    assert settings is not None
    limit = settings.ws_max_subscriptions
    huge = "subscription { requestEvents { " + "action " * (settings.graphql_max_tokens + 10) + "} }"

    async def scenario() -> dict[str, dict[str, Any]]:
        ws = await _socket(ws_url(live.url), made["token"])
        said: dict[str, dict[str, Any]] = {}
        try:
            await _subscribe(ws, "unknown", "subscription { requestEvents { nonsense } }")
            said["unknown"] = await _message(ws)
            await _subscribe(ws, "huge", huge)
            said["huge"] = await _message(ws)
            for n in range(limit):
                await _subscribe(ws, f"s{n}", "subscription { requestEvents { action } }")
            await _subscribe(ws, "one-too-many", "subscription { requestEvents { action } }")
            said["one-too-many"] = await _message(ws)
            for n in range(limit):
                await ws.send(json.dumps({"id": f"s{n}", "type": "complete"}))
            await asyncio.to_thread(demo.ok, 'mutation($id: ID!) { revokeApiToken(id: $id) { id } }', id=made["record"]["id"])
            await _subscribe(ws, "after-revocation", "subscription { requestEvents { action } }")
            said["after-revocation"] = await _message(ws)
        finally:
            await ws.close()
        return said

    said = asyncio.run(scenario())
    codes = {"unknown": "BAD_REQUEST", "huge": "BAD_REQUEST", "one-too-many": "TOO_MANY_SUBSCRIPTIONS",
             "after-revocation": "UNAUTHENTICATED"}  # fmt: skip
    for name, code in codes.items():
        message = said[name]
        assert message["type"] == "error" and message["id"] == name, message
        (error,) = message["payload"]
        assert error["extensions"]["code"] == code and error["extensions"]["messageFa"], (name, error)
    assert "نشانه" in said["huge"]["payload"][0]["extensions"]["messageFa"]  # too long, not "wrong grammar"


def test_a_socket_without_a_good_token_is_turned_away_with_401(live: LiveServer) -> None:
    """The handshake's refusal went through the pages' error handler, which read a method a WebSocket
    does not have: a 500. Now the same 401 body an HTTP request gets."""

    async def attempt(headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
        try:
            async with connect(ws_url(live.url), subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
                               additional_headers=headers):  # fmt: skip
                raise AssertionError("the socket was opened")
        except InvalidStatus as refused:
            return refused.response.status_code, json.loads(bytes(refused.response.body or b"{}"))

    for headers in ({}, {"Authorization": "Bearer not-a-token"}):
        status, body = asyncio.run(attempt(headers))
        assert status == 401 and body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED", (headers, status, body)
