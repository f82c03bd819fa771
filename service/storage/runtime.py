"""Open the configured store (starting the embedded one if asked) and keep it answering.

An embedded server that dies (``kill -9``, a crash) is started again by the first request that
meets it: the store reports each ``Unavailable`` to ``heal_soon``, which starts one supervised
restart at a time however many requests fail meanwhile. A server that still holds its data dir's
owner lock (paused or busy) is never replaced: those requests answer STORE_UNAVAILABLE until it
answers again."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from service.settings import Settings
from service.storage.embedded import EmbeddedServer, open_embedded
from service.storage.errors import Unavailable
from service.storage.falkor import FalkorStore
from service.storage.port import GraphStore
from service.storage.queries import QueryLibrary
from service.storage.target import parse_target

log = logging.getLogger(__name__)
REVIVE_PAUSE_S = 1.0


@dataclass
class StoreRuntime:
    """The lifespan-managed store: the port, plus the embedded server when there is one."""

    store: GraphStore
    settings: Settings
    server: EmbeddedServer | None = None
    schema_applied: bool = False
    restarts: int = 0  # times this runtime revived a dead embedded server (or found it revived)
    _healing: asyncio.Task[bool] | None = field(default=None, repr=False)
    _quiet_until: float = 0.0  # after a failed revival, requests do not try again before this (monotonic)

    async def ready(self) -> None:
        """Ping the store; an embedded server that died is started again, then pinged."""
        try:
            await self.store.ping()
        except Unavailable:
            if not await self.heal():
                raise
            await self.store.ping()
        if not self.schema_applied:
            await self.store.apply_schema()
            self.schema_applied = True

    def heal_soon(self) -> None:
        """Called on every ``Unavailable``: start the single supervised revival unless one runs."""
        if self.server is None or (self._healing is not None and not self._healing.done()):
            return
        if time.monotonic() < self._quiet_until:  # a server that will not start is not spawned per request
            return
        self._healing = asyncio.get_running_loop().create_task(self._revive())
        self._healing.add_done_callback(_log_failure)

    async def heal(self) -> bool:
        """Revive a dead embedded server (joining a revival under way); True when one was started."""
        if self.server is None:
            return False
        if self._healing is None or self._healing.done():
            self._healing = asyncio.get_running_loop().create_task(self._revive())
        return await asyncio.shield(self._healing)

    async def _revive(self) -> bool:
        server = self.server
        if server is None or await asyncio.to_thread(server.running):  # paused or busy, not dead
            return False
        started = time.monotonic()
        log.warning("the embedded store (pid %s) is dead; starting it again", server.pid)
        try:
            again = await asyncio.to_thread(open_embedded, self.settings.data_dir, self.settings.appendfsync, self.settings.store_threads)
        except Exception:
            self._quiet_until = time.monotonic() + REVIVE_PAUSE_S
            raise
        if (again.socket, again.port) != (server.socket, server.port) and isinstance(self.store, FalkorStore):
            await self.store.relocate(again.socket, again.port)
        self.server = again
        self.restarts += 1
        log.warning("the embedded store is back (pid %s) after %.2f s", again.pid, time.monotonic() - started)
        return True

    async def close(self) -> None:
        if self._healing is not None and not self._healing.done():
            with contextlib.suppress(Exception):
                await self._healing
        await self.store.close()
        if self.server is not None:
            await asyncio.to_thread(self.server.stop)


def _log_failure(task: asyncio.Task[bool]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("could not start the embedded store again: %s", task.exception())


async def open_store(settings: Settings, queries: QueryLibrary | None = None,
                     server: EmbeddedServer | None = None) -> StoreRuntime:  # fmt: skip
    """Connect to the store named by ``settings.graph_url`` and apply its schema. ``server``: the
    embedded store this process has started already (``serve`` starts it while the app imports), used
    and stopped here."""
    queries = queries or QueryLibrary.load()
    target = parse_target(settings.graph_url)
    store: GraphStore
    if target.kind == "neo4j":
        from service.storage.neo4j_store import Neo4jStore  # the driver takes 0.3-0.6 s to import: only when asked for

        store = Neo4jStore.connect(
            queries=queries,
            uri=target.uri,
            user=target.user,
            password=target.password,
            database=target.name or None,
            pool_size=settings.pool_size,
            timeout_s=settings.store_timeout_s,
            retry_s=settings.store_stall_s,
        )
    else:
        if target.kind == "embedded":
            if server is None:
                server = await asyncio.to_thread(open_embedded, settings.data_dir, settings.appendfsync, settings.store_threads)
            location: dict[str, Any] = {"unix_socket": server.socket, "host": "127.0.0.1", "port": server.port or 0}
        else:
            location = {"host": target.host, "port": target.port}
        store = FalkorStore.connect(
            queries=queries,
            graph=target.name or settings.graph_name,
            password=target.password,
            username=target.user,
            pool_size=settings.pool_size,
            timeout_s=settings.store_timeout_s,
            stall_s=settings.store_stall_s,
            **location,
        )
    runtime = StoreRuntime(store=store, settings=settings, server=server)
    if server is not None and isinstance(store, FalkorStore):
        store.on_unavailable = runtime.heal_soon
    try:
        await runtime.ready()
    except Unavailable as exc:  # a remote store may come later: /readyz says 503 until then
        log.warning("store not ready at start-up: %s", exc.detail)
    except Exception:
        await runtime.close()
        raise
    return runtime
