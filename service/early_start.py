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
import os
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
    _where: str = ""  # the data dir's server.json, for a message
    by_thread: bool = False  # the store starts in a thread (else in the main thread, before the fork)

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
            log.warning("the demo was not loaded beside the start (its process failed or took over %.0f s); "
                        "it is loaded here if the registry is still empty", wait_s)  # fmt: skip
        return done

    def close(self) -> None:
        """Let the demo's child finish (a demo cut short would stay half there: a start loads it only
        into an empty registry), then stop the store unless the lifespan has stopped it already. Runs
        inside the SIGTERM handler too: it imports nothing."""
        if self.demo is not None:
            self.demo_loaded()
        try:
            server = self.server.result(STOP_WAIT_S)
        except TimeoutError:
            log.warning("the embedded store was still reading its files after %.0f s; left running (pid in %s)",
                        STOP_WAIT_S, self._where)  # fmt: skip
            return
        except Exception:  # noqa: BLE001 - it never started: nothing to stop; the lifespan said why
            return
        server.stop()


def wanted(settings: Settings) -> bool:
    """Whether ``serve`` starts the store itself: the embedded one, with one worker (several each open
    their own)."""
    return settings.workers == 1 and parse_target(settings.graph_url).kind == "embedded"


def begin(settings: Settings, stopper: _Stopper) -> EarlyStart:
    """The embedded store starting (in a thread), or on a first start with the demo started, with the
    demo's child forked. ``stopper`` learns of it before anything else can happen."""
    server: Future[EmbeddedServer] = Future()
    early = stopper.early = EarlyStart(server, _where=str(settings.data_dir / "falkordb" / "server.json"))
    if settings.load_demo and settings.analysis_processes >= 2 and not holds_data(settings.data_dir):
        _start(settings, server)  # here: the fork below must come after it, with no other thread alive
        stopper.now_if_asked()  # a SIGTERM while the store started: stopped before any child exists
        server.result()  # a store that did not start ends serve here, with its reason
        early.demo = fork_into(lambda _: _child(settings))
    else:
        early.by_thread = True
        Thread(target=_start, args=(settings, server), name="store-start", daemon=True).start()
        stopper.now_if_asked()
    return early


def _start(settings: Settings, server: Future[EmbeddedServer]) -> None:
    try:
        server.set_result(open_embedded(settings.data_dir, settings.appendfsync, settings.store_threads))
    except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for the store: the lifespan fails with it
        server.set_exception(exc)


def _child(settings: Settings) -> None:
    # Ctrl-C reaches the whole process group, and the parent's SIGTERM handler waits for this child:
    # the demo is loaded whole or not begun (a start loads it only into an empty registry)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        asyncio.run(_load_demo(settings))
    except BaseException:
        log.exception("the demo could not be loaded beside the start; the start loads it if the registry is still empty")
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


class _Stopper:
    """The SIGTERM handler while ``serve`` holds a store it started and uvicorn does not handle the
    signal yet: it waits for the demo's child, stops the store, and ends the process by SIGTERM (the
    default action, so the exit status is SIGTERM's). It acts in the handler rather than raising
    there: an exception raised in the middle of the app's imports was caught and re-wrapped by the
    libraries being imported (pydantic's SchemaError, graphql-core's TypeError) and ended the
    process with status 1 and a misleading traceback. A signal that comes while the store is being
    started (no server object to stop yet) is acted on as soon as it is there."""

    def __init__(self) -> None:
        self.early: EarlyStart | None = None
        self.asked = False
        self.pid = os.getpid()

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        if os.getpid() != self.pid:  # the demo's child, before it ignores the signal: the store is not its own
            return
        self.asked = True
        early = self.early
        # not while this very thread starts the store (the first start's open_embedded, interrupted
        # here): ``begin`` acts on the signal once it returns
        if early is not None and (early.by_thread or early.server.done()):
            self.stop()

    def now_if_asked(self) -> None:
        if self.asked:
            self.stop()

    def stop(self) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if self.early is not None:
            self.early.close()
        signal.raise_signal(signal.SIGTERM)


@contextmanager
def early_start(settings: Settings) -> Iterator[EarlyStart | None]:
    """``begin``, and the child and the store stopped when serving ends, however it ends (a SIGTERM
    before uvicorn takes the signal over: ``_Stopper``)."""
    if not wanted(settings):
        yield None
        return
    stopper = _Stopper()
    previous = signal.signal(signal.SIGTERM, stopper)
    try:
        yield begin(settings, stopper)
    finally:
        try:
            if stopper.early is not None:
                stopper.early.close()
        finally:
            signal.signal(signal.SIGTERM, previous)
