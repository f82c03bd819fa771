"""Open the configured store (starting the embedded one if asked) and keep it answering."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from service.settings import Settings
from service.storage.embedded import EmbeddedServer, open_embedded
from service.storage.errors import Unavailable
from service.storage.falkor import FalkorStore
from service.storage.neo4j_store import Neo4jStore
from service.storage.port import GraphStore
from service.storage.queries import QueryLibrary
from service.storage.target import parse_target

log = logging.getLogger(__name__)


@dataclass
class StoreRuntime:
    """The lifespan-managed store: the port, plus the embedded server when there is one."""

    store: GraphStore
    settings: Settings
    server: EmbeddedServer | None = None
    schema_applied: bool = False

    async def ready(self) -> None:
        """Ping the store; an embedded server that died is started again, then pinged."""
        try:
            await self.store.ping()
        except Unavailable:
            if self.server is None or self.server.alive():
                raise
            log.warning("the embedded store stopped answering; starting it again")
            self.server = await asyncio.to_thread(
                open_embedded, self.settings.data_dir, self.settings.appendfsync
            )
            await self.store.ping()
        if not self.schema_applied:
            await self.store.apply_schema()
            self.schema_applied = True

    async def close(self) -> None:
        await self.store.close()
        if self.server is not None:
            await asyncio.to_thread(self.server.stop)


async def open_store(settings: Settings, queries: QueryLibrary | None = None) -> StoreRuntime:
    """Connect to the store named by ``settings.graph_url`` and apply its schema."""
    queries = queries or QueryLibrary.load()
    target = parse_target(settings.graph_url)
    server: EmbeddedServer | None = None
    store: GraphStore
    if target.kind == "neo4j":
        store = Neo4jStore.connect(
            queries=queries,
            uri=target.uri,
            user=target.user,
            password=target.password,
            database=target.name or None,
            pool_size=settings.pool_size,
            timeout_s=settings.store_timeout_s,
        )
    else:
        if target.kind == "embedded":
            server = await asyncio.to_thread(open_embedded, settings.data_dir, settings.appendfsync)
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
            **location,
        )
    runtime = StoreRuntime(store=store, settings=settings, server=server)
    try:
        await runtime.ready()
    except Unavailable as exc:  # a remote store may come later: /readyz says 503 until then
        log.warning("store not ready at start-up: %s", exc.detail)
    except Exception:
        await runtime.close()
        raise
    return runtime
