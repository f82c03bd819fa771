"""``agreementEvents`` over a real WebSocket (graphql-transport-ws): the parties and the directorate
hear each step; an agency that is no party hears nothing."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from websockets.asyncio.client import connect

from tests.agreements.conftest import ANSWER, Parties, add, token_for
from tests.conftest import GraphQL, LiveServer

SUBSCRIBE = "subscription { agreementEvents { action agreement { id status version } step { kind status } } }"


async def _events(url: str, token: str, ready: asyncio.Event, out: list[dict[str, Any]], until: int) -> None:
    async with connect(url, subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
                       additional_headers={"Authorization": f"Bearer {token}"}) as ws:  # fmt: skip
        await ws.send(json.dumps({"type": "connection_init"}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE}}))
        ready.set()
        while len(out) < until:
            message = json.loads(await ws.recv())
            assert message["type"] == "next", message
            out.append(message["payload"]["data"]["agreementEvents"])


def test_parties_hear_each_step_and_a_stranger_hears_nothing(parties: Parties, live: LiveServer) -> None:
    p = parties
    ident = p.active()["id"]
    url = live.url.replace("http", "ws") + "/graphql"
    tokens = {"provider": token_for(p.directorate, "ag-water"), "receiver": token_for(p.directorate, "ag-parks"),
              "stranger": token_for(p.directorate, "ag-city"), "directorate": str(p.directorate.token)}  # fmt: skip
    heard: dict[str, list[dict[str, Any]]] = {name: [] for name in tokens}

    async def scenario() -> None:
        ready = {name: asyncio.Event() for name in tokens}
        tasks = {n: asyncio.create_task(_events(url, tokens[n], ready[n], heard[n], 2)) for n in tokens}
        await asyncio.wait_for(asyncio.gather(*(e.wait() for e in ready.values())), 20)
        await asyncio.sleep(0.3)  # the server starts each subscription after the subscribe message
        receiver = GraphQL(p.directorate.client, tokens["receiver"], p.directorate.settings)
        provider = GraphQL(p.directorate.client, tokens["provider"], p.directorate.settings)
        order = await asyncio.to_thread(receiver.ok, add("placeOrder"), id=ident, input={"titleFa": "سفارش"})
        await asyncio.to_thread(provider.ok, ANSWER, id=ident, step=order["placeOrder"]["step"]["id"], answer="ACCEPTED")
        await asyncio.wait([tasks[n] for n in ("provider", "receiver", "directorate")], timeout=15)
        await asyncio.sleep(0.5)  # time enough for the stranger to hear, were it told
        for task in tasks.values():
            task.cancel()

    asyncio.run(scenario())
    for name in ("provider", "receiver", "directorate"):
        assert [(e["action"], e["agreement"]["id"], e["step"]["status"]) for e in heard[name]] == [
            ("order_placed", ident, "PLACED"), ("order_accepted", ident, "ACCEPTED")], name
    assert heard["stranger"] == []
