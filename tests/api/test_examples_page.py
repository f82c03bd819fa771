"""Every query on docs/graphql-examples.md runs on the demo and answers something for the
directorate, and runs for an agency too (its view is checked in tests/api/test_where.py). Every
subscription on it runs over a real WebSocket and hears the event its section promises."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import GraphQL, LiveServer
from tests.ws import listen, ws_url

PAGE = Path(__file__).resolve().parents[2] / "docs" / "graphql-examples.md"
ALL_BLOCKS = re.findall(r"^## ([^\n]+)\n\n(?:(?!```|## )[^\n]*\n)*?```graphql\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S | re.M)
BLOCKS = [(t, q) for t, q in ALL_BLOCKS if not q.lstrip().startswith("subscription")]
SUBSCRIPTIONS = [(t, q) for t, q in ALL_BLOCKS if q.lstrip().startswith("subscription")]
# what makes each subscription's event happen, run as the directorate
CAUSES = {
    "requestEvents": 'mutation { fileRequest(input: {senderId: "ag-parks", receiverId: "ag-abfa", subject: "نمونهٔ صفحه"}) { id } }',
    "analysisReady": "{ analyses { duplication { parameters } } }",
}


def _something(data: Any) -> bool:
    if isinstance(data, dict):
        return any(_something(v) for v in data.values())
    if isinstance(data, list):
        return bool(data)
    return data not in (None, 0)


def test_the_page_has_its_examples() -> None:
    assert len(BLOCKS) >= 9 and len(SUBSCRIPTIONS) >= 2
    assert any("q:" in query for _, query in BLOCKS)  # the full-text search
    for title, _ in ALL_BLOCKS:
        assert " — " in title and re.search("[\u0600-\u06ff]", title), title  # English and Persian


@pytest.mark.parametrize(("title", "query"), BLOCKS, ids=[t.split(" — ")[0][:40] for t, _ in BLOCKS])
def test_each_example_answers(demo: GraphQL, title: str, query: str) -> None:
    data = demo.ok(query)
    assert all(_something(v) for v in data.values()), (title, data)
    if "Relay" in title:
        return
    requests = demo.ok("{ requests(first: 100) { nodes { senderId } } }")["requests"]["nodes"]
    agency = demo.as_role("agency", requests[0]["senderId"])
    agency.ok(query)


@pytest.mark.parametrize(("title", "query"), SUBSCRIPTIONS, ids=[t.split(" — ")[0][:40] for t, _ in SUBSCRIPTIONS])
def test_each_subscription_hears_its_event(demo: GraphQL, live: LiveServer, title: str, query: str) -> None:
    (root,) = (name for name in CAUSES if name in query)
    heard: list[dict[str, Any]] = []

    async def scenario() -> None:
        ready = asyncio.Event()
        task = asyncio.create_task(listen(ws_url(live.url), str(demo.token), query, ready, heard, 1))
        await asyncio.wait_for(ready.wait(), 20)
        await asyncio.sleep(0.3)  # the server starts the subscription after the subscribe message
        await asyncio.to_thread(demo.ok, CAUSES[root])
        await asyncio.wait_for(task, 30)

    asyncio.run(scenario())
    assert len(heard) == 1 and _something(heard[0]), (title, heard)
