"""Registry events for GraphQL subscriptions: requests filed and moved (and, from their writers,
agreement steps, plan actions, analyses), in this process.

The hub is a lifespan-managed resource, never module state: ``create_app``'s lifespan makes one
``EventHub`` on ``app.state.events`` and closes it on shutdown (``api.deps.get_events`` reads it).
Writers publish through the one accessor they already hold, ``Repository.publish(Event(...))``, after
their statement succeeded; a Repository built without a hub (the CLI, a bulk import, a notebook)
publishes nothing, as there is nobody in that process to hear it.

Each subscriber has its own bounded queue (a slow one loses its oldest events, never blocks a
writer). Events go to the subscribers of this process only: a deployment with several workers needs
a shared channel before subscriptions span them.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

QUEUE_SIZE = 256


@dataclass(frozen=True)
class Event:
    kind: str  # the entity kind: "request", "agreement", "plan_action", "analysis"
    action: str  # e.g. "filed" or "moved" for a request
    row: dict[str, Any]


class EventHub:
    """Fan-out to this process's subscribers; ``close`` ends every ``listen`` (app shutdown)."""

    def __init__(self, queue_size: int = QUEUE_SIZE) -> None:
        self.queue_size = queue_size
        self.queues: set[asyncio.Queue[Event | None]] = set()
        self.closed = False

    def publish(self, event: Event) -> None:
        if self.closed:
            return
        for queue in list(self.queues):
            _put(queue, event)

    async def listen(self) -> AsyncIterator[Event]:
        """Events published from now on, until the hub closes or the listener stops."""
        queue: asyncio.Queue[Event | None] = asyncio.Queue(self.queue_size)
        self.queues.add(queue)
        try:
            while not self.closed:
                event = await queue.get()
                if event is None:
                    return
                yield event
        finally:
            self.queues.discard(queue)

    def close(self) -> None:
        """Wake every listener so its subscription ends instead of holding shutdown up."""
        self.closed = True
        for queue in list(self.queues):
            _put(queue, None)


def _put(queue: asyncio.Queue[Event | None], item: Event | None) -> None:
    if queue.full():
        queue.get_nowait()
    queue.put_nowait(item)
