"""Registry events for GraphQL subscriptions: requests filed and moved, in this process.

Writers publish after their statement succeeded; each subscriber has its own bounded queue (a slow
one loses its oldest events, never blocks a writer). Events go to the subscribers of this process
only: a deployment with several workers needs a shared channel before subscriptions span them.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

QUEUE_SIZE = 256


@dataclass(frozen=True)
class Event:
    kind: str  # the entity kind: "request"
    action: str  # "filed" or "moved"
    row: dict[str, Any]


class EventHub:
    def __init__(self) -> None:
        self.queues: set[asyncio.Queue[Event]] = set()

    def publish(self, event: Event) -> None:
        for queue in list(self.queues):
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(event)

    async def listen(self) -> AsyncIterator[Event]:
        queue: asyncio.Queue[Event] = asyncio.Queue(QUEUE_SIZE)
        self.queues.add(queue)
        try:
            while True:
                yield await queue.get()
        finally:
            self.queues.discard(queue)


HUB = EventHub()
