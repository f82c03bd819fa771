"""The portal's writes reach GraphQL subscribers: its Repository publishes through the app's hub
(the same one the WebSocket listens to), so an agency's system hears of a request the other party
filed and moved in the portal, and an agency that is no party hears nothing."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.conftest import GraphQL, LiveServer
from tests.portal.conftest import agency_token, csrf_of
from tests.ws import listen, ws_url

SUBSCRIBE = "subscription { requestEvents { action request { id status senderId receiverId } } }"


def test_a_portal_request_and_its_move_reach_subscribers(portal: GraphQL, agency_client: Any, live: LiveServer) -> None:
    assert portal.settings is not None
    parks, fire = agency_client("ag-parks"), agency_client("ag-fire")
    tokens = {"fire": agency_token(portal.settings, "ag-fire"), "abfa": agency_token(portal.settings, "ag-abfa"),
              "directorate": str(portal.token)}  # fmt: skip
    heard: dict[str, list[dict[str, Any]]] = {name: [] for name in tokens}
    made: list[str] = []

    def file_and_move() -> None:
        form = parks.get("/portal/requests/new")
        created = parks.post("/portal/requests/new", data={"csrf": csrf_of(form.text), "receiverId": "ag-fire",
                                                            "subject": "درخواست از درگاه برای اشتراک"})  # fmt: skip
        assert created.status_code == 303, created.text
        path = created.headers["location"].split("?")[0]
        made.append(path.rsplit("/", 1)[1])
        page = fire.get(path)
        moved = fire.post(f"{path}/move", data={"csrf": csrf_of(page.text), "to": "acknowledged"})
        assert moved.status_code == 303, moved.text

    async def scenario() -> None:
        url = ws_url(live.url)
        ready = {name: asyncio.Event() for name in tokens}
        wanted = {"fire": 2, "directorate": 2, "abfa": 1}
        tasks = [asyncio.create_task(listen(url, tokens[n], SUBSCRIBE, ready[n], heard[n], wanted[n])) for n in tokens]
        await asyncio.wait_for(asyncio.gather(*(e.wait() for e in ready.values())), 20)
        await asyncio.sleep(0.3)  # the server starts each subscription after the subscribe message
        await asyncio.to_thread(file_and_move)
        await asyncio.wait(tasks[:1] + tasks[2:], timeout=15)
        await asyncio.sleep(0.5)  # time enough for ag-abfa to hear, were it told
        for task in tasks:
            task.cancel()

    asyncio.run(scenario())
    (ident,) = made
    for name in ("fire", "directorate"):
        assert [(e["action"], e["request"]["id"], e["request"]["status"]) for e in heard[name]] == [
            ("FILED", ident, "SUBMITTED"),
            ("MOVED", ident, "ACKNOWLEDGED"),
        ], name
    assert heard["abfa"] == []
