"""Subscriptions over a real WebSocket (graphql-transport-ws): a request filed and moved reaches
its parties' subscribers and the directorate's, and never another agency's."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.conftest import GraphQL, LiveServer, make_token
from tests.ws import listen, ws_url

SUBSCRIBE = "subscription { requestEvents { action request { id status senderId receiverId } } }"


def test_parties_hear_of_their_requests_and_others_do_not(demo: GraphQL, live: LiveServer) -> None:
    agencies = demo.ok("{ agencies(first: 100) { nodes { id } } }")["agencies"]["nodes"]
    sender, receiver, stranger = (a["id"] for a in agencies[:3])
    url = ws_url(live.url)
    settings = demo.settings
    assert settings is not None
    tokens = {name: make_token(settings, "agency", ident) for name, ident in
              (("sender", sender), ("receiver", receiver), ("stranger", stranger))}  # fmt: skip
    tokens["directorate"] = str(demo.token)
    heard: dict[str, list[dict[str, Any]]] = {name: [] for name in tokens}

    async def scenario() -> None:
        ready = {name: asyncio.Event() for name in tokens}
        wanted = {"sender": 2, "receiver": 2, "directorate": 2, "stranger": 1}
        tasks = {n: asyncio.create_task(listen(url, tokens[n], SUBSCRIBE, ready[n], heard[n], wanted[n])) for n in tokens}
        await asyncio.wait_for(asyncio.gather(*(e.wait() for e in ready.values())), 20)
        await asyncio.sleep(0.3)  # the server starts each subscription after the subscribe message
        as_sender = GraphQL(demo.client, tokens["sender"], settings)
        filed = await asyncio.to_thread(as_sender.ok, """mutation($s: String!, $r: String!) { fileRequest(input: {senderId: $s,
            receiverId: $r, subject: "آزمون اشتراک"}) { id } }""", s=sender, r=receiver)
        ident = filed["fileRequest"]["id"]
        as_receiver = GraphQL(demo.client, tokens["receiver"], settings)
        await asyncio.to_thread(as_receiver.ok, 'mutation($id: ID!) { moveRequest(id: $id, to: ACKNOWLEDGED) { id } }', id=ident)
        parties = [tasks[n] for n in ("sender", "receiver", "directorate")]
        await asyncio.wait(parties, timeout=15)
        await asyncio.sleep(0.5)  # time enough for the stranger to hear, were it told
        for task in tasks.values():
            task.cancel()
        heard["_id"] = [{"id": ident}]

    asyncio.run(scenario())
    ident = heard.pop("_id")[0]["id"]
    for name in ("sender", "receiver", "directorate"):
        assert [(e["action"], e["request"]["id"], e["request"]["status"]) for e in heard[name]] == [
            ("FILED", ident, "SUBMITTED"), ("MOVED", ident, "ACKNOWLEDGED")], name
    assert heard["stranger"] == []  # it heard nothing of a request it is no party to
