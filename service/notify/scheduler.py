"""The sweep on a timer, as an asyncio task the app's lifespan starts and stops.

It sweeps once soon after start (``START_DELAY_S``: a restart catches up from the mark in the graph
once the server has begun to answer; sweeping at once held a first start's ``/readyz`` 0.2 s behind
the catch-up's writes), then every ``sweep_interval_s``, and sooner (after ``NUDGE_DELAY_S``) when
this process publishes a request event, so a new request reaches its receiver's inbox in seconds. A
failed sweep is logged and the next one tries again; nothing it did twice is written twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from service.notify.sweep import Sweeper
from service.registry.events import EventHub
from service.storage.errors import StoreError

log = logging.getLogger(__name__)
NUDGE_DELAY_S = 2.0
START_DELAY_S = 3.0


class Scheduler:
    def __init__(self, sweeper: Sweeper, interval_s: float, hub: EventHub | None = None) -> None:
        self.sweeper = sweeper
        self.interval_s = interval_s
        self.hub = hub
        self.nudged = asyncio.Event()
        self.tasks: list[asyncio.Task[None]] = []
        self.sweeps = 0

    def start(self) -> None:
        self.tasks = [asyncio.create_task(self._loop(), name="notify-sweep")]
        if self.hub is not None:  # the app's hub (app.state.events): its events wake the sweep early
            self.tasks.append(asyncio.create_task(self._listen(), name="notify-nudge"))

    async def stop(self) -> None:
        for task in self.tasks:
            task.cancel()
        for task in self.tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self.tasks = []

    async def _listen(self) -> None:
        assert self.hub is not None
        async for _ in self.hub.listen():
            self.nudged.set()

    async def _loop(self) -> None:
        with contextlib.suppress(TimeoutError):  # a request filed meanwhile wakes it sooner
            await asyncio.wait_for(self.nudged.wait(), timeout=START_DELAY_S)
        self.nudged.clear()
        while True:
            try:
                await self.sweeper.run()
            except StoreError as exc:  # the store is down or slow: one line, the next sweep tries again
                log.warning("notification sweep skipped: %s", exc)
            except Exception:  # a sweep must never take the service down: the next one tries again
                log.exception("notification sweep failed")
            self.sweeps += 1
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.nudged.wait(), timeout=self.interval_s)
                await asyncio.sleep(NUDGE_DELAY_S)  # let a burst of events settle into one sweep
            self.nudged.clear()
