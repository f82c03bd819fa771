"""What ``serve`` does before it imports the app (about 1.5 s): start the embedded store, and on a
first start fork a child that loads the demo into it.

A first start (``make run`` on a fresh machine: an empty data dir, ``HAMAHANG_LOAD_DEMO=true``)
imported the app and then loaded the demo (1.2-1.4 s, mostly Python: some 700 statements through
the registry's use cases), one after the other on one core, so ``/readyz`` answered after 3.0-3.2 s.
Now ``serve`` starts the store and forks the demo's child before the imports; the child loads the
demo on the other core, and the lifespan waits for it before it opens the store. The fork happens
while ``serve`` has no other thread and no connection; the child leaves with ``os._exit``. A child
that fails or outstays ``PATIENCE_S`` costs time, never the demo: the lifespan then loads it
itself (``load_demo_if_empty``, as before).

Every later start reads its registry back (0.2 s for the demo, seconds for a city) in a thread
while the app imports. Either way the store is this process's: the lifespan's runtime stops it at
shutdown, and ``close`` does when the app never got that far.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from threading import Thread
from types import FrameType

from service.forked import Child, fork_into
from service.settings import Settings
from service.storage.embedded import EmbeddedServer, holds_data, open_embedded
from service.storage.target import parse_target

log = logging.getLogger(__name__)
PATIENCE_S = 300.0  # the demo loads in about 1.3 s; a child still at it after this is stuck
STOP_WAIT_S = 120.0  # a store still reading its files when serving ends is waited for, then stopped


@dataclass
class EarlyStart:
    """The embedded store ``serve`` is starting, and the child loading the demo into it (first start)."""

    server: Future[EmbeddedServer]
    demo: Child | None = None

    async def store(self) -> EmbeddedServer:
        """The store once it answers (``Unavailable`` or ``DataDirBusy`` when it did not start)."""
        return await asyncio.wrap_future(self.server)

    def demo_loaded(self, wait_s: float = PATIENCE_S) -> bool:
        """Wait for the demo's child: True when it loaded the demo (or found the registry not empty)."""
        child, self.demo = self.demo, None
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
        if self.demo is not None:
            self.demo.cancel()
            self.demo = None
        try:
            server = self.server.result(STOP_WAIT_S)
        except Exception:  # noqa: BLE001 - it never started (or not in time): nothing to stop; the lifespan said why
            return
        server.stop()


def begin(settings: Settings) -> EarlyStart | None:
    """The embedded store starting (in a thread), or on a first start with the demo started, with the
    demo's child forked; None for another store or several workers (each worker opens its own)."""
    if settings.workers > 1 or parse_target(settings.graph_url).kind != "embedded":
        return None
    server: Future[EmbeddedServer] = Future()
    if settings.load_demo and settings.analysis_processes >= 2 and not holds_data(settings.data_dir):
        server.set_result(open_embedded(settings.data_dir, settings.appendfsync, settings.store_threads))
        return EarlyStart(server, fork_into(lambda _: _child(settings)))
    Thread(target=_start, args=(settings, server), name="store-start", daemon=True).start()
    return EarlyStart(server)


def _start(settings: Settings, server: Future[EmbeddedServer]) -> None:
    try:
        server.set_result(open_embedded(settings.data_dir, settings.appendfsync, settings.store_threads))
    except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for the store: the lifespan fails with it
        server.set_exception(exc)


def _child(settings: Settings) -> None:
    try:
        asyncio.run(_load_demo(settings))
    except BaseException:
        log.exception("the demo could not be loaded beside the start; the start loads it itself")
        raise


async def _load_demo(settings: Settings) -> None:
    """The child: attach to the store the parent started, load the demo into it if it is empty."""
    from service.demo.loader import load_demo_if_empty
    from service.storage.runtime import open_store

    runtime = await open_store(settings)  # attached: its close leaves the parent's server running
    try:
        await load_demo_if_empty(runtime.store)
    finally:
        await runtime.close()


class _Terminated(Exception):
    """SIGTERM, while this process holds a store it started."""


def _terminated(signum: int, frame: FrameType | None) -> None:
    raise _Terminated


@contextmanager
def early_start(settings: Settings) -> Iterator[EarlyStart | None]:
    """``begin``, and the child and the store stopped when serving ends, however it ends. SIGTERM (a
    service manager's stop) while the app still imports would kill this process and leave the store
    it started running on its own: until uvicorn takes the signal over it ends serving as an
    exception, and is raised again once the store is stopped (the exit status is still SIGTERM's)."""
    started = begin(settings)
    if started is None:
        yield None
        return
    previous = signal.signal(signal.SIGTERM, _terminated)
    terminated = False
    try:
        yield started
    except _Terminated:
        terminated = True
    finally:
        signal.signal(signal.SIGTERM, previous)
        started.close()
    if terminated:
        signal.raise_signal(signal.SIGTERM)
