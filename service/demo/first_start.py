"""A first start's demo, loaded by a forked child while ``serve`` imports the app.

A first start (``make run`` on a fresh machine: an empty data dir, ``HAMAHANG_LOAD_DEMO=true``)
imported the app (about 1.5 s) and then loaded the demo (1.2-1.4 s, mostly Python: some 700
statements through the registry's use cases), one after the other on one core, so ``/readyz``
answered after 3.0-3.2 s. Here ``serve`` starts the embedded store and forks a child before it imports
the app; the child loads the demo into that store on the other core, and the lifespan waits for the
child before it opens the store. The fork happens while ``serve`` has no other thread and no
connection, and the child leaves with ``os._exit``.

A child that fails or outstays ``PATIENCE_S`` costs time, never the demo: the lifespan then loads it
itself (``load_demo_if_empty``, as before). The store stays this process's: the lifespan's runtime
stops it at shutdown, and ``close`` stops it when the app never got that far.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

from service.forked import Child, fork_into
from service.settings import Settings
from service.storage.embedded import EmbeddedServer, holds_data, open_embedded
from service.storage.target import parse_target

log = logging.getLogger(__name__)
PATIENCE_S = 300.0  # the demo loads in about 1.3 s; a child still at it after this is stuck


@dataclass
class FirstStart:
    """The embedded store ``serve`` started, and the child loading the demo into it."""

    server: EmbeddedServer
    child: Child | None

    def loaded(self, wait_s: float = PATIENCE_S) -> bool:
        """Wait for the child: True when it loaded the demo (or found the registry not empty)."""
        child, self.child = self.child, None
        if child is None:
            return False
        try:
            done = child.finished(wait_s)
        finally:
            child.cancel()
        if not done:
            log.warning("the demo was not loaded beside the start (its process failed or took over %.0f s); loading it here", wait_s)
        return done

    def close(self) -> None:
        """Stop the child if it still runs, and the store unless the lifespan has stopped it already."""
        if self.child is not None:
            self.child.cancel()
            self.child = None
        self.server.stop()


class _Terminated(Exception):
    """SIGTERM, while this process holds a store it started."""


def _terminated(signum: int, frame: FrameType | None) -> None:
    raise _Terminated


@contextmanager
def first_start_of(settings: Settings) -> Iterator[FirstStart | None]:
    """``begin_first_start``, and the child and the store stopped when serving ends, however it ends.
    SIGTERM (a service manager's stop) while the app still imports would kill this process and leave
    the store it started running on its own: until uvicorn takes the signal over it ends serving as an
    exception, and is raised again once the store is stopped (the exit status is still SIGTERM's)."""
    first_start = begin_first_start(settings)
    if first_start is None:
        yield None
        return
    previous = signal.signal(signal.SIGTERM, _terminated)
    terminated = False
    try:
        yield first_start
    except _Terminated:
        terminated = True
    finally:
        signal.signal(signal.SIGTERM, previous)
        first_start.close()
    if terminated:
        signal.raise_signal(signal.SIGTERM)


def begin_first_start(settings: Settings) -> FirstStart | None:
    """Start the store and fork the demo's child, on a first start of the embedded store with the demo
    and one worker; None otherwise (the lifespan then does what it always did)."""
    if not settings.load_demo or settings.workers > 1 or settings.analysis_processes < 2:
        return None
    if parse_target(settings.graph_url).kind != "embedded" or holds_data(settings.data_dir):
        return None
    server = open_embedded(settings.data_dir, settings.appendfsync, settings.store_threads)
    return FirstStart(server, fork_into(lambda _: _child(settings)))


def _child(settings: Settings) -> None:
    try:
        asyncio.run(_load(settings))
    except BaseException:
        log.exception("the demo could not be loaded beside the start; the start loads it itself")
        raise


async def _load(settings: Settings) -> None:
    """The child: attach to the store the parent started, load the demo into it if it is empty."""
    from service.demo.loader import load_demo_if_empty
    from service.storage.runtime import open_store

    runtime = await open_store(settings)  # attached: its close leaves the parent's server running
    try:
        await load_demo_if_empty(runtime.store)
    finally:
        await runtime.close()
