"""The FalkorDB backend, on the ``falkordb.asyncio`` client with a bounded connection pool."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from falkordb.asyncio import FalkorDB
from falkordb.asyncio.query_result import QueryResult
from redis import exceptions as redis_errors
from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.connection import UnixDomainSocketConnection

from service.storage.errors import BadQuery, Conflict, StoreError, Unavailable
from service.storage.port import Row
from service.storage.queries import QueryLibrary, split_statements
from service.storage.values import plain

log = logging.getLogger(__name__)
T = TypeVar("T")
PROBE_TIMEOUT_S = 1.0
# Bulk writes are not watched: FalkorDB holds the server's main thread while it commits a big write
# (a PING waited 5.4 s during an 11 s write of 4M nodes), so a healthy import or restore would look
# stalled. They keep the socket timeout; an ordinary statement queued behind them may answer 503.
UNWATCHED = frozenset({"registry/import", "backup/restore"})

# Statement text is built with its parameters in Python (``without_nul`` and FalkorDB's parameter
# header): about 7 µs an import row, 0.3 µs an id, so 0.75 s for a 20k-row import, on the event loop.
# Past this weight (``_weight``: list items, a list of maps counting 16 an item; ≈0.3-0.6 ms of
# building) it is built on a worker thread; a thread hop costs 0.05-0.2 ms, so small statements stay.
OFF_LOOP_WEIGHT = 1024

SCHEMA_FILE = "schema/schema.falkordb"
CONSTRAINTS_FILE = "schema/constraints.falkordb"
FULLTEXT_FILE = "schema/fulltext.falkordb"  # the full-text indexes over `words` (service/registry/fulltext.py)
CONSTRAINT_WAIT_S = 60.0
# a new store's constraints and AOF fold take a few tens of ms each: polled every 50 ms, a first start
# waited up to 0.1 s longer than they took (a poll is one INFO or one read of the constraints)
SCHEMA_POLL_S = 0.01
AOF_REWRITE_WAIT_S = 120.0
# Messages FalkorDB answers when a schema element already exists: idempotent start-up.
ALREADY = ("already indexed", "already exists")


def without_nul(value: Any) -> Any:
    """FalkorDB receives parameters as text in a C string: a NUL byte would cut the statement
    short (found by the fuzzer), so NULs are dropped from every string parameter."""
    if isinstance(value, str):
        return value.replace("\x00", "") if "\x00" in value else value
    if isinstance(value, dict):
        return {k: without_nul(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [without_nul(v) for v in value]
    return value


def _weight(params: Mapping[str, Any]) -> int:
    """A cheap guess (top level only) at how long the parameters take to turn into text."""
    weight = 0
    for value in params.values():
        if isinstance(value, (list, tuple)):
            weight += len(value) * (16 if value and isinstance(value[0], dict) else 1)
        elif isinstance(value, dict):
            weight += 16
    return weight


class _NeedsClient(Exception):
    """A reply holding a node, edge, path or temporal value: the client's own parser reads it."""


def _cell(value: list[Any]) -> Any:
    """One compact-format cell as a plain value. Strings, numbers, booleans, lists and maps (what the
    service's statements return) are read here in one pass; FalkorDB's client parses every cell with a
    coroutine and ``values.plain`` then copied it again (about a third of an agency page's Python time)."""
    kind, data = value[0], value[1]
    if kind == 2:  # string
        return data
    if kind == 3:  # integer
        return int(data)
    if kind == 1:  # null
        return None
    if kind == 10:  # map: key, cell, key, cell…
        return {data[i]: _cell(data[i + 1]) for i in range(0, len(data), 2)}
    if kind == 6:  # array
        return [_cell(item) for item in data]
    if kind == 4:  # boolean
        return data == "true"
    if kind == 5:  # double
        return float(data)
    if kind == 11:  # point
        return {"latitude": float(data[0]), "longitude": float(data[1])}
    if kind == 12:  # vector
        return [float(v) for v in data]
    raise _NeedsClient


def translate(exc: Exception) -> StoreError:
    """Map a redis/FalkorDB exception onto the port's small error family."""
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, (redis_errors.ConnectionError, redis_errors.TimeoutError, OSError)):
        return Unavailable(f"FalkorDB unreachable: {exc}")
    text = str(exc)
    if "constraint violation" in text:
        return Conflict(text)
    if "LOADING" in text or "BUSY" in text or "timed out" in text:  # a read past its timeout: a slow store
        return Unavailable(text)
    return BadQuery(text)


def _constraint_key(words: list[str]) -> tuple[str, tuple[str, ...]]:
    """``GRAPH.CONSTRAINT CREATE g UNIQUE NODE Agency PROPERTIES 1 id`` -> ``("Agency", ("id",))``."""
    count = int(words[7])
    return words[5], tuple(words[8 : 8 + count])


class _Client(FalkorDB):
    """FalkorDB's own constructor probes for a cluster over a *blocking* connection, which
    stalls the event loop and fails while the server is down; we talk to one server only."""

    def __init__(self, connection: Redis) -> None:  # no super().__init__ on purpose
        self.connection = connection
        self.flushdb = connection.flushdb
        self.execute_command = connection.execute_command


@dataclass
class _Watch:
    """One statement under the stall watch: set ``done`` when it returns, ``stalled`` by the probe."""

    done: bool = False
    stalled: bool = False
    handle: asyncio.TimerHandle | None = None
    probe: asyncio.Task[None] | None = None


class FalkorStore:
    """GraphStore on FalkorDB: reads go through ``GRAPH.RO_QUERY``, writes through ``GRAPH.QUERY``.

    A stalled server (paused, wedged) would hold a statement for the socket timeout (60 s). So a
    statement that has not answered after ``stall_s`` makes the store PING the server on a
    connection of its own; no PONG within a second, and the statement gives up with ``Unavailable``
    (STORE_UNAVAILABLE, 503). A server that answers the PING is busy, not stalled: long snapshot
    reads run on (reads stay bounded by FalkorDB's own ``timeout_s``); bulk writes (``UNWATCHED``)
    are left to the socket timeout.
    ``on_unavailable`` is told of every ``Unavailable``: the runtime revives a dead embedded server."""

    observed: set[str] | None = None  # names of statements run, when a test asks
    backend = "falkordb"
    on_unavailable: Callable[[], None] | None = None

    def __init__(
        self, db: FalkorDB, graph: str, queries: QueryLibrary, timeout_s: float,
        stall_s: float = 3.0, probe: Redis | None = None,
    ) -> None:  # fmt: skip
        self._db = db
        self._graph_name = graph
        self._graph = db.select_graph(graph)
        self._queries = queries
        self._timeout_ms = max(1, int(timeout_s * 1000))
        self._stall_s = stall_s
        self._probe = probe

    @classmethod
    def connect(
        cls,
        *,
        queries: QueryLibrary,
        graph: str,
        unix_socket: str | None = None,
        host: str = "localhost",
        port: int = 6379,
        password: str | None = None,
        username: str | None = None,
        pool_size: int = 16,
        timeout_s: float = 10.0,
        stall_s: float = 3.0,
    ) -> FalkorStore:
        kwargs: dict[str, Any] = {
            "max_connections": pool_size,
            "timeout": timeout_s,  # wait this long for a free connection, then fail
            "decode_responses": True,
            "password": password,
            "username": username,
            "socket_connect_timeout": 2.0,
            # redis-py reads with a 5 s timeout unless told: a read FalkorDB is still allowed to run
            # (``timeout_s``) or a long import (writes have no server-side limit) would come back as
            # "store unreachable" and drop its connection
            "socket_timeout": max(60.0, timeout_s + 5.0),
            "protocol": 2,  # the FalkorDB client parses RESP2 replies
        }
        if unix_socket:
            kwargs.update(connection_class=UnixDomainSocketConnection, path=unix_socket)
        else:
            kwargs.update(host=host, port=port)
        pool = BlockingConnectionPool(**kwargs)
        probe_pool = BlockingConnectionPool(
            **{**kwargs, "max_connections": 2, "timeout": PROBE_TIMEOUT_S, "socket_timeout": PROBE_TIMEOUT_S,
               "socket_connect_timeout": PROBE_TIMEOUT_S}
        )  # fmt: skip
        probe = Redis(connection_pool=probe_pool)
        return cls(_Client(Redis(connection_pool=pool)), graph, queries, timeout_s, stall_s, probe)

    async def _answers_ping(self) -> bool:
        if self._probe is None:
            return True
        try:
            return bool(await asyncio.wait_for(self._probe.ping(), PROBE_TIMEOUT_S + 0.5))
        except (TimeoutError, redis_errors.RedisError, OSError):
            return False

    async def _guarded(self, call: Awaitable[T]) -> T:
        """Await ``call``; if it outlasts ``stall_s`` and the server answers no PING, give up."""
        loop = asyncio.get_running_loop()
        task = asyncio.current_task()
        watch = _Watch()

        async def probe() -> None:
            answers = await self._answers_ping()
            if watch.done:
                return
            if answers:  # busy, not stalled: look again later
                watch.handle = loop.call_later(self._stall_s, suspect)
            else:
                watch.stalled = True
                assert task is not None
                task.cancel()

        def suspect() -> None:
            if not watch.done:
                watch.probe = loop.create_task(probe())

        if task is not None:
            watch.handle = loop.call_later(self._stall_s, suspect)
        try:
            return await call
        except asyncio.CancelledError:
            if watch.stalled and task is not None and task.uncancel() == 0:
                raise Unavailable(
                    f"FalkorDB gave no answer within {self._stall_s:g} s and no PONG within {PROBE_TIMEOUT_S:g} s: stalled"
                ) from None
            raise
        finally:
            watch.done = True
            if watch.handle is not None:
                watch.handle.cancel()
            if watch.probe is not None and not watch.probe.done():
                watch.probe.cancel()

    def _unavailable(self, error: StoreError) -> StoreError:
        if isinstance(error, Unavailable) and self.on_unavailable is not None:
            self.on_unavailable()
        return error

    async def _run(self, name: str, params: Mapping[str, Any] | None, read_only: bool) -> list[Row]:
        picked = self._queries.pick(name, self.backend)  # an unknown name is the caller's KeyError, as on Neo4j
        try:
            name, command = await self._command(picked, params, read_only)
            call = self._db.connection.execute_command(*command)
            reply = await (call if name in UNWATCHED else self._guarded(call))
            return await self._rows(reply)
        except redis_errors.ResponseError as exc:
            if read_only and "empty key" in str(exc):
                return []  # the graph has never been written to: nothing to read yet
            raise self._unavailable(translate(exc)) from exc
        except Exception as exc:  # every failure is translated
            raise self._unavailable(translate(exc)) from exc

    async def _command(self, picked: tuple[str, str], params: Mapping[str, Any] | None, read_only: bool) -> tuple[str, list[Any]]:
        """(the statement's name in the library, the GRAPH.QUERY command that runs it) for a statement
        ``pick``ed from the library."""
        name, text = picked
        if self.observed is not None:
            self.observed.add(name)
        given = dict(params or {})
        if _weight(given) >= OFF_LOOP_WEIGHT:  # a bulk write: 0.66 s on the loop at 20k rows
            header = await asyncio.to_thread(self._header, given)
        else:
            header = self._header(given)
        command: list[Any] = ["GRAPH.RO_QUERY" if read_only else "GRAPH.QUERY", self._graph_name, header + text, "--compact"]
        if read_only:
            command += ["timeout", self._timeout_ms]
        return name, command

    async def _rows(self, reply: Any) -> list[Row]:
        """A compact reply's rows as plain dicts; a run-time error inside the reply raised."""
        if isinstance(reply, Exception):  # a pipeline's reply to one of its commands
            raise reply
        for part in (reply[0], reply[-1]):  # a run-time error comes inside the reply
            if isinstance(part, redis_errors.ResponseError):
                raise part
        if len(reply) < 3:  # statistics only: no result set
            return []
        columns = [c[1] if isinstance(c, (list, tuple)) else c for c in reply[0]]
        try:
            return [dict(zip(columns, [_cell(v) for v in row], strict=True)) for row in reply[1]]
        except _NeedsClient:  # nodes, edges, paths, dates: FalkorDB's client reads them (label and key names)
            result = QueryResult(self._graph)
            await self._guarded(result.parse(reply))
            return [dict(zip(columns, (plain(v) for v in row), strict=True)) for row in result.result_set]

    async def read_many(self, reads: Sequence[tuple[str, Mapping[str, Any] | None]]) -> list[list[Row]]:
        """One pipeline: the commands written at once, their replies read in turn on one connection
        (an agency page's four statements: 449 → 568 pages/s of store reads, 8 clients, measured).
        FalkorDB runs one connection's commands one after the other, each as ``read`` runs it."""
        out: list[list[Row]] = []
        picked = [(self._queries.pick(name, self.backend), params) for name, params in reads]  # as ``_run``: KeyError
        try:
            pipe = self._db.connection.pipeline(transaction=False)
            for statement, params in picked:
                _, command = await self._command(statement, params, read_only=True)
                pipe.execute_command(*command)
            replies = await self._guarded(pipe.execute(raise_on_error=False))
            for reply in replies:
                try:
                    out.append(await self._rows(reply))
                except redis_errors.ResponseError as exc:
                    if "empty key" not in str(exc):
                        raise
                    out.append([])  # the graph has never been written to: nothing to read yet
            return out
        except Exception as exc:  # every failure is translated
            raise self._unavailable(translate(exc)) from exc

    def _header(self, params: dict[str, Any]) -> str:
        return str(self._graph._build_params_header(without_nul(params)))

    async def read(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        return await self._run(name, params, read_only=True)

    async def write(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        return await self._run(name, params, read_only=False)

    async def ping(self) -> None:
        try:  # GRAPH.QUERY: RO_QUERY fails on a graph not yet created
            await self._guarded(self._graph.query("RETURN 1"))
        except Exception as exc:
            raise self._unavailable(translate(exc)) from exc

    async def apply_schema(self) -> None:
        """Run the FalkorDB schema file: Cypher index statements, then ``GRAPH.CONSTRAINT`` commands
        for the constraints the graph lacks.

        FalkorDB replays its append-only file on start, and a replayed ``GRAPH.CONSTRAINT`` blocks
        the loading client: the server hangs or aborts mid-load (FalkorDB#2212; CI met it restarting
        after a SIGKILL). So constraints are sent only when missing, and after creating any the AOF
        is folded into its RDB base, where constraints are stored as data and load safely."""
        existing: set[tuple[str, tuple[str, ...]]] | None = None
        created = False
        for statement in split_statements(self._queries[SCHEMA_FILE]) + split_statements(self._queries[FULLTEXT_FILE]):
            try:
                if statement.upper().startswith("GRAPH."):
                    words = statement.replace("{graph}", self._graph_name).split()
                    if existing is None:  # read once, after the index statements made the graph
                        existing = {(r["label"], tuple(r["properties"])) for r in await self._constraints()}
                    if _constraint_key(words) in existing:
                        continue
                    await self._db.connection.execute_command(*words)
                    created = True
                else:
                    await self._graph.query(statement)
            except redis_errors.ResponseError as exc:
                if not any(marker in str(exc) for marker in ALREADY):
                    raise translate(exc) from exc
            except Exception as exc:
                raise translate(exc) from exc
        if created:
            await self._await_constraints()
            await self._fold_aof()

    async def _constraints(self) -> list[Row]:
        return await self._run(CONSTRAINTS_FILE, None, read_only=True)

    async def _await_constraints(self, limit_s: float = CONSTRAINT_WAIT_S) -> None:
        """FalkorDB enforces a new constraint in the background; writes must not race it."""
        deadline = time.monotonic() + limit_s
        while True:
            rows = await self._constraints()
            failed = [r["label"] for r in rows if r["status"] == "FAILED"]
            if failed:
                log.error("FalkorDB could not enforce uniqueness on %s: duplicate ids are stored", failed)
            if all(r["status"] != "PENDING" for r in rows):
                return
            if time.monotonic() > deadline:
                log.warning("FalkorDB constraints still pending after %.0f s; going on", limit_s)
                return
            await asyncio.sleep(SCHEMA_POLL_S)

    async def _fold_aof(self, limit_s: float = AOF_REWRITE_WAIT_S) -> None:
        """Rewrite the AOF (``BGREWRITEAOF``) and wait for it, so no ``GRAPH.CONSTRAINT`` is left
        to replay. A server without AOF, or one that forbids the command, is left as it is."""
        conn = self._db.connection
        deadline = time.monotonic() + limit_s
        try:
            if (await conn.config_get("appendonly")).get("appendonly") != "yes":
                return
            await self._aof_settled(deadline)  # a rewrite begun before the constraints existed lacks them
            await conn.bgrewriteaof()
            info = await self._aof_settled(deadline)
            if info is None:
                log.warning("FalkorDB's AOF rewrite did not finish within %.0f s", limit_s)
            elif info.get("aof_last_bgrewrite_status") != "ok":
                log.warning("FalkorDB's AOF rewrite failed; constraint commands stay in the AOF")
        except redis_errors.ResponseError as exc:
            log.warning("could not fold FalkorDB's AOF after creating constraints: %s", exc)
        except Exception as exc:
            raise translate(exc) from exc

    async def _aof_settled(self, deadline: float) -> dict[str, Any] | None:
        """Wait until no AOF rewrite runs or waits to run; its persistence info, or None at the deadline."""
        while time.monotonic() < deadline:
            info: dict[str, Any] = await self._db.connection.info("persistence")
            if not info.get("aof_rewrite_in_progress") and not info.get("aof_rewrite_scheduled"):
                return info
            await asyncio.sleep(SCHEMA_POLL_S)
        return None

    async def wipe(self) -> None:
        try:
            await self._graph.query("MATCH (n) DETACH DELETE n")
        except Exception as exc:
            raise translate(exc) from exc

    async def relocate(self, unix_socket: str | None, port: int | None) -> None:
        """Point the pools at a restarted embedded server's address (a new TCP port when its socket
        path was too long); the socket path itself never changes."""
        for client in (self._db.connection, self._probe):
            if client is None:
                continue
            pool = client.connection_pool
            if unix_socket:
                pool.connection_kwargs["path"] = unix_socket
            else:
                pool.connection_kwargs["port"] = port
            await pool.disconnect()

    async def close(self) -> None:
        await self._db.connection.aclose()
        if self._probe is not None:
            await self._probe.aclose()
