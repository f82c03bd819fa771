"""The Neo4j backend: the official async driver, managed transactions with its retries."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from neo4j import AsyncDriver, AsyncGraphDatabase, AsyncManagedTransaction, exceptions as neo4j_errors

from service.storage.errors import BadQuery, Conflict, StoreError, Unavailable
from service.storage.port import Row
from service.storage.queries import QueryLibrary, split_statements
from service.storage.values import plain

SCHEMA_FILE = "schema/schema.neo4j"


def translate(exc: Exception) -> StoreError:
    """Map a Neo4j driver exception onto the port's small error family."""
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError)):
        return Unavailable(f"Neo4j unreachable: {exc}")
    if isinstance(exc, neo4j_errors.ConstraintError):
        return Conflict(str(exc))
    if isinstance(exc, neo4j_errors.TransientError):
        return Unavailable(str(exc))
    return BadQuery(str(exc))


class Neo4jStore:
    """GraphStore on Neo4j 5: ``execute_read`` / ``execute_write`` retry transient failures."""

    observed: set[str] | None = None  # names of statements run, when a test asks
    backend = "neo4j"

    def __init__(self, driver: AsyncDriver, database: str | None, queries: QueryLibrary) -> None:
        self._driver = driver
        self._database = database or None
        self._queries = queries

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
    ) -> Neo4jStore:
        auth = (user, password or "") if user else None
        driver = AsyncGraphDatabase.driver(
            uri,
            auth=auth,
            max_connection_pool_size=pool_size,
            connection_acquisition_timeout=timeout_s,
            connection_timeout=min(timeout_s, 5.0),
        )
        return cls(driver, database, queries)

    @staticmethod
    async def _collect(tx: AsyncManagedTransaction, text: str, params: dict[str, Any]) -> list[Row]:
        result = await tx.run(text, params)
        return [{k: plain(v) for k, v in record.items()} async for record in result]

    async def _run(self, name: str, params: Mapping[str, Any] | None, read_only: bool) -> list[Row]:
        text = self._queries[name]
        if self.observed is not None:
            self.observed.add(name)
        try:
            async with self._driver.session(database=self._database) as session:
                run = session.execute_read if read_only else session.execute_write
                return await run(self._collect, text, dict(params or {}))
        except Exception as exc:  # every failure is translated
            raise translate(exc) from exc

    async def read(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        return await self._run(name, params, read_only=True)

    async def write(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        return await self._run(name, params, read_only=False)

    async def ping(self) -> None:
        try:
            await self._driver.verify_connectivity()
            async with self._driver.session(database=self._database) as session:
                await (await session.run("RETURN 1")).consume()
        except Exception as exc:
            raise translate(exc) from exc

    async def apply_schema(self) -> None:
        """Constraints and indexes use ``IF NOT EXISTS``, so this is idempotent."""
        try:
            async with self._driver.session(database=self._database) as session:
                for statement in split_statements(self._queries[SCHEMA_FILE]):
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
