"""The Neo4j backend: the official async driver (5.x), managed transactions with its retries.

On a cluster (``neo4j://`` routing URI) every read goes to a reader (``READ_ACCESS`` session and
``execute_read``: a follower or read replica) and every write to the database's leader (``WRITE_ACCESS``,
``execute_write``). All sessions of one store share a bookmark manager, so a read issued after one of
this process's writes waits until the reader it lands on has applied that write (causal consistency:
a client that creates a need and then lists needs sees it, even when the list is served by a replica).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from neo4j import (
    READ_ACCESS,
    WRITE_ACCESS,
    AsyncDriver,
    AsyncGraphDatabase,
    AsyncManagedTransaction,
    exceptions as neo4j_errors,
    unit_of_work,
)

from service.storage.errors import BadQuery, Conflict, StoreError, Unavailable
from service.storage.falkor import UNWATCHED
from service.storage.port import Row
from service.storage.queries import QueryLibrary, split_statements
from service.storage.values import plain

log = logging.getLogger(__name__)
SCHEMA_FILE = "schema/schema.neo4j"
FULLTEXT_FILE = "schema/fulltext.neo4j"  # the full-text indexes over `words` (service/registry/fulltext.py)
# Neo4j ends a transaction that outlives its timeout with one of these codes: the store is slow.
TIMED_OUT = ("TransactionTimedOut", "Transaction.Terminated")


def translate(exc: Exception) -> StoreError:
    """Map a Neo4j driver exception onto the port's small error family.

    An outage or refused credentials is ``Unavailable`` with a fixed detail: the driver's own text
    (server address, user name, the server's words) is logged here and never reaches a reply,
    not even /readyz's, which anyone may call."""
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, (neo4j_errors.AuthError, neo4j_errors.Forbidden)):  # TokenExpired is an AuthError
        log.error("Neo4j refused the service's credentials: %s", exc)
        return Unavailable("Neo4j refused the credentials")
    if isinstance(exc, (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError)):
        log.warning("Neo4j unreachable: %s", exc)
        return Unavailable("Neo4j unreachable")
    if isinstance(exc, neo4j_errors.ConstraintError):
        return Conflict(str(exc))
    if isinstance(exc, neo4j_errors.TransientError) or any(code in str(getattr(exc, "code", "")) for code in TIMED_OUT):
        log.warning("Neo4j could not answer now: %s", exc)
        return Unavailable("Neo4j is busy or timed out")
    return BadQuery(str(exc))


async def _collect(tx: AsyncManagedTransaction, text: str, params: dict[str, Any]) -> list[Row]:
    result = await tx.run(text, params)
    return [{k: plain(v) for k, v in record.items()} async for record in result]


def _timed(timeout_s: float) -> Callable[[AsyncManagedTransaction, str, dict[str, Any]], Awaitable[list[Row]]]:
    """The read work with a server-side transaction timeout, as FalkorDB's reads have one."""

    async def read(tx: AsyncManagedTransaction, text: str, params: dict[str, Any]) -> list[Row]:
        return await _collect(tx, text, params)

    return unit_of_work(timeout=timeout_s)(read)


def _timed_many(timeout_s: float) -> Callable[[AsyncManagedTransaction, Callable[[AsyncManagedTransaction], Awaitable[list[list[Row]]]]],
                                              Awaitable[list[list[Row]]]]:  # fmt: skip
    """``read_many``'s work with the same server-side timeout as one read."""

    async def run(tx: AsyncManagedTransaction, each: Callable[[AsyncManagedTransaction], Awaitable[list[list[Row]]]]) -> list[list[Row]]:
        return await each(tx)

    return unit_of_work(timeout=timeout_s)(run)


class Neo4jStore:
    """GraphStore on Neo4j 5: ``execute_read`` / ``execute_write`` retry transient failures."""

    observed: set[str] | None = None  # names of statements run, when a test asks
    backend = "neo4j"

    def __init__(
        self, driver: AsyncDriver, database: str | None, queries: QueryLibrary, timeout_s: float = 10.0,
        stall_s: float = 3.0,
    ) -> None:  # fmt: skip
        self._driver = driver
        self._database = database or None
        # one causal chain for the whole store: reads after this process's writes see them on any cluster member
        self._bookmarks = AsyncGraphDatabase.bookmark_manager()
        self._queries = queries
        self._read = _timed(timeout_s)
        self._many = _timed_many(timeout_s)
        # A Neo4j that accepts connections and never answers (paused, wedged) held a read 21 s, and
        # a pooled connection to a paused server would wait for ever: every call has a client-side
        # bound, past the server's own read timeout; bulk writes are left to run.
        self._bound_s = timeout_s + stall_s
        self._ping_bound_s = stall_s + 1.0

    @classmethod
    def connect(
        cls,
        *,
        queries: QueryLibrary,
        uri: str,
        user: str | None,
        password: str | None,
        database: str | None,
        pool_size: int = 16,
        timeout_s: float = 10.0,
        retry_s: float = 3.0,
    ) -> Neo4jStore:
        """``retry_s`` bounds the driver's retries of a failed transaction and each connection attempt."""
        auth = (user, password or "") if user else None
        driver = AsyncGraphDatabase.driver(
            uri,
            auth=auth,
            max_connection_pool_size=pool_size,
            connection_acquisition_timeout=retry_s + 1.0,  # a pool or a server that gives no connection in time is an outage
            connection_timeout=min(timeout_s, retry_s, 5.0),
            # the driver retries a failed managed transaction for 30 s by default: a Neo4j that is down
            # held every request that long. Lock waits and deadlocks still get this long to clear.
            max_transaction_retry_time=retry_s,
        )
        return cls(driver, database, queries, timeout_s, retry_s)

    async def _run(self, name: str, params: Mapping[str, Any] | None, read_only: bool) -> list[Row]:
        name, text = self._queries.pick(name, self.backend)
        if self.observed is not None:
            self.observed.add(name)
        try:
            work = self._session_run(text, dict(params or {}), read_only)
            return await (work if name in UNWATCHED else asyncio.wait_for(work, self._bound_s))
        except TimeoutError:
            log.warning("Neo4j gave no answer to %s within %.1f s", name, self._bound_s)
            raise Unavailable("Neo4j did not answer in time") from None
        except Exception as exc:  # every failure is translated
            raise translate(exc) from exc

    async def _session_run(self, text: str, params: dict[str, Any], read_only: bool) -> list[Row]:
        mode = READ_ACCESS if read_only else WRITE_ACCESS  # routed to a reader, or to the leader
        async with self._driver.session(database=self._database, default_access_mode=mode,
                                        bookmark_manager=self._bookmarks) as session:  # fmt: skip
            if read_only:
                return await session.execute_read(self._read, text, params)
            return await session.execute_write(_collect, text, params)

    async def read(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        return await self._run(name, params, read_only=True)

    async def read_many(self, reads: Sequence[tuple[str, Mapping[str, Any] | None]]) -> list[list[Row]]:
        """The statements in turn in one read transaction (routed to a reader): one session and one
        transaction's set-up instead of one each; the driver still awaits each statement's records."""
        picked = [self._queries.pick(name, self.backend) for name, _ in reads]
        if self.observed is not None:
            for name, _ in picked:
                self.observed.add(name)
        texts = [(text, dict(params or {})) for (_, text), (_, params) in zip(picked, reads, strict=True)]

        async def each(tx: AsyncManagedTransaction) -> list[list[Row]]:
            return [await _collect(tx, text, params) for text, params in texts]

        async def work() -> list[list[Row]]:
            async with self._driver.session(database=self._database, default_access_mode=READ_ACCESS,
                                            bookmark_manager=self._bookmarks) as session:  # fmt: skip
                return await session.execute_read(self._many, each)

        try:
            return await asyncio.wait_for(work(), self._bound_s)
        except TimeoutError:
            log.warning("Neo4j gave no answer to %s within %.1f s", ", ".join(n for n, _ in picked), self._bound_s)
            raise Unavailable("Neo4j did not answer in time") from None
        except Exception as exc:  # every failure is translated
            raise translate(exc) from exc

    async def write(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        return await self._run(name, params, read_only=False)

    async def ping(self) -> None:
        try:
            await asyncio.wait_for(self._ping(), self._ping_bound_s)
        except TimeoutError:
            log.warning("Neo4j gave no answer to a ping within %.1f s", self._ping_bound_s)
            raise Unavailable("Neo4j did not answer in time") from None
        except Exception as exc:
            raise translate(exc) from exc

    async def _ping(self) -> None:
        await self._driver.verify_connectivity()
        async with self._driver.session(database=self._database) as session:
            await (await session.run("RETURN 1")).consume()

    async def apply_schema(self) -> None:
        """Constraints and indexes use ``IF NOT EXISTS``, so this is idempotent."""
        try:
            async with self._driver.session(database=self._database) as session:
                for name in (SCHEMA_FILE, FULLTEXT_FILE):
                    for statement in split_statements(self._queries[name]):
                        await (await session.run(statement)).consume()
        except Exception as exc:
            raise translate(exc) from exc

    async def wipe(self) -> None:
        try:
            async with self._driver.session(database=self._database) as session:
                await (await session.run("MATCH (n) DETACH DELETE n")).consume()
        except Exception as exc:
            raise translate(exc) from exc

    async def close(self) -> None:
        await self._driver.close()
