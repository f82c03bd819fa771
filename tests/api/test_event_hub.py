"""The event hub is the app's lifespan resource, not module state: each app has its own, shutdown
ends its listeners, and a slow listener loses its oldest events instead of blocking a writer."""

from __future__ import annotations

import asyncio

import service.registry.events as events_module
from service.registry.events import Event, EventHub
from tests.conftest import LiveServer


def test_the_hub_lives_on_the_app_not_in_the_module(live: LiveServer) -> None:
    assert isinstance(live.app.state.events, EventHub)
    assert not [name for name, value in vars(events_module).items() if isinstance(value, EventHub)]


def test_close_ends_listeners_and_a_full_queue_drops_the_oldest() -> None:
    async def scenario() -> tuple[list[str], bool]:
        hub = EventHub(queue_size=2)
        heard: list[str] = []

        async def listener() -> None:
            async for event in hub.listen():
                heard.append(event.action)
                await asyncio.sleep(0)

        task = asyncio.create_task(listener())
        await asyncio.sleep(0)  # the listener's queue exists from here
        for action in ("a", "b", "c"):  # nobody read yet: a full queue of 2 keeps b, c
            hub.publish(Event("request", action, {}))
        await asyncio.sleep(0.01)
        hub.close()
        await asyncio.wait_for(task, 2)  # close ended the listen loop
        hub.publish(Event("request", "after", {}))  # a closed hub takes events and drops them
        return heard, not hub.queues

    heard, emptied = asyncio.run(scenario())
    assert heard == ["b", "c"]
    assert emptied
