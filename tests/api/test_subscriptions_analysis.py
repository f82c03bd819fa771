"""``analysisReady`` over a real WebSocket: the directorate and analysts hear that a registry-wide
duplication or win-win run finished (with its count), filtered by name; an agency is refused."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.conftest import GraphQL, LiveServer, make_token
from tests.ws import first_message, listen, ws_url

READY = "subscription($names: [AnalysisName!]) { analysisReady(names: $names) { name findings finishedAt by } }"


def test_analysts_hear_a_run_finished_and_agencies_are_refused(demo: GraphQL, live: LiveServer) -> None:
    settings = demo.settings
    assert settings is not None
    url = ws_url(live.url)
    analyst = make_token(settings, "analyst")
    heard: dict[str, list[dict[str, Any]]] = {"directorate": [], "analyst": []}

    async def scenario() -> None:
        ready = {name: asyncio.Event() for name in heard}
        tasks = [
            asyncio.create_task(listen(url, str(demo.token), READY, ready["directorate"], heard["directorate"], 2)),
            asyncio.create_task(listen(url, analyst, READY, ready["analyst"], heard["analyst"], 1, {"names": ["WINWIN"]})),
        ]
        await asyncio.wait_for(asyncio.gather(*(e.wait() for e in ready.values())), 20)
        await asyncio.sleep(0.3)  # the server starts each subscription after the subscribe message
        ran = await asyncio.to_thread(demo.ok, "{ analyses { duplication { parameters } winWin { totalChosenRials } } }")
        assert ran["analyses"]["duplication"] is not None
        await asyncio.wait(tasks, timeout=30)
        for task in tasks:
            task.cancel()

    asyncio.run(scenario())
    assert sorted(e["name"] for e in heard["directorate"]) == ["DUPLICATION", "WINWIN"]  # run side by side
    assert all(e["findings"] > 0 and e["by"] == "test-directorate" and "T" in e["finishedAt"] for e in heard["directorate"])
    assert [e["name"] for e in heard["analyst"]] == ["WINWIN"]  # it asked for win-win only
    agency = make_token(settings, "agency", "ag-parks")
    refused = asyncio.run(first_message(url, agency, READY))
    assert refused["type"] in ("error", "next"), refused
    errors = refused["payload"] if refused["type"] == "error" else refused["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "FORBIDDEN", refused
