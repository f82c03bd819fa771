"""A real GraphQL WebSocket client (``graphql-transport-ws``) for the subscription tests."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from websockets.asyncio.client import connect


def ws_url(http_url: str) -> str:
    return http_url.replace("http", "ws", 1) + "/graphql"


async def listen(url: str, token: str, query: str, ready: asyncio.Event, out: list[dict[str, Any]], until: int,
                 variables: dict[str, Any] | None = None) -> None:  # fmt: skip
    """Subscribe with ``token``, set ``ready`` once the subscribe message is sent, then append each
    event's data (its one root field) to ``out`` until ``until`` have come; an error message fails."""
    async with connect(url, subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
                       additional_headers={"Authorization": f"Bearer {token}"}) as ws:  # fmt: skip
        await ws.send(json.dumps({"type": "connection_init"}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        payload: dict[str, Any] = {"query": query, "variables": variables or {}}
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        ready.set()
        while len(out) < until:
            message = json.loads(await ws.recv())
            assert message["type"] == "next", message
            assert not message["payload"].get("errors"), message
            (data,) = message["payload"]["data"].values()
            out.append(data)


async def first_message(url: str, token: str, query: str) -> dict[str, Any]:
    """The first message a subscription answers (an ``error`` for a refused one)."""
    async with connect(url, subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
                       additional_headers={"Authorization": f"Bearer {token}"}) as ws:  # fmt: skip
        await ws.send(json.dumps({"type": "connection_init"}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
        message: dict[str, Any] = json.loads(await asyncio.wait_for(ws.recv(), 15))
        return message
