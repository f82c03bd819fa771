"""GraphQL latency and throughput against two baselines, over real HTTP on loopback.

* ``graphql``: the real service, ``python -m uvicorn service.asgi:app`` (one worker, production
  settings, the suite's graph), with a directorate token on every request.
* ``plain``: ``bench/plain_app.py`` under the same uvicorn, doing the service's work for lookups and
  pages (its token check, its statements and fields, its JSON encoder) without GraphQL.
* ``direct``: the same hand-written statement called on the store from this process, no HTTP.

Scenarios (the GraphQL documents are in ``DOCS``):

* ``lookup``: ``agency(id) { id nameFa code }``.
* ``page``: an agency with its duties, capacities and requests received. ``Agency.requestsReceived``
  takes no status argument, so the *open* requests are picked from the result by the client; the
  baselines return the same rows and are filtered the same way.
* ``list``: ``requests(filter: {status: SUBMITTED}, first: 20, after: …)``, pages 1-10.
* ``file``: ``fileRequest`` about a capacity of the receiver (as in the demo data).

Each run is bounded by a request count and a time limit, after a short warm-up; latency percentiles
come from one client at a time, throughput from ``CLIENTS`` concurrent clients. The load generator
shares the 2 cores with the server and the store; its own CPU use is reported beside each figure.
The variants of a scenario are measured in ``ROUNDS`` slices taken in turn, so a slow spell of the
shared machine falls on all of them instead of on whichever ran then (one scenario's plain baseline
took 2.4 ms in one run and 4.3 ms in the next when measured in one block).
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from bench.common import DATA, PORTAL_SECRET, ROOT, cpu_seconds, free_port, percentile

CLIENTS = 8
ROUNDS = 4
SEQUENTIAL = {"max_requests": 400, "max_seconds": 6.0, "warmup": 30}
CONCURRENT = {"max_requests": 4000, "max_seconds": 8.0, "warmup": 60}

DOCS = {
    "typename": "{ __typename }",
    "lookup": "query Lookup($id: ID!) { agency(id: $id) { id nameFa code } }",
    "page": (
        "query Page($id: ID!) { agency(id: $id) { nameFa duties { id titleFa } capacities { id titleFa }"
        " requestsReceived { id subject status } } }"
    ),
    "list": (
        "query List($after: String) { requests(filter: {status: SUBMITTED}, first: 20, after: $after) {"
        " nodes { id subject status dueDate senderId receiverId } } }"
    ),
    "file": "mutation File($input: RequestInput!) { fileRequest(input: $input) { id status } }",
}
OPEN_GQL = {"SUBMITTED", "ACKNOWLEDGED", "IN_PROGRESS"}
OPEN_PLAIN = {"submitted", "acknowledged", "in_progress"}


def cursor(offset: int) -> str | None:
    import base64

    return None if offset <= 0 else base64.urlsafe_b64encode(f"o:{offset - 1}".encode()).decode()


@dataclass
class Sample:
    """What the calls pick from, drawn once per scale with a fixed seed (the same for every variant)."""

    agencies: list[str]
    capacities: dict[str, list[str]]
    order: list[int] = field(default_factory=list)

    @classmethod
    async def draw(cls, store: Any, n: int = 20_000) -> Sample:
        agencies = [r["id"] for r in await store.read("bench/sample_agencies")]
        caps: dict[str, list[str]] = {}
        for r in await store.read("bench/sample_capacities"):
            caps.setdefault(r["agencyId"], []).append(r["id"])
        rng = random.Random(7)
        return cls(agencies, caps, [rng.randrange(len(agencies)) for _ in range(n)])

    def agency(self, i: int) -> str:
        return self.agencies[self.order[i % len(self.order)]]

    def filing(self, i: int) -> dict[str, Any]:
        rng = random.Random(i)
        receivers = [a for a in self.capacities if self.capacities[a]]
        receiver = receivers[rng.randrange(len(receivers))]
        sender = self.agency(i)
        if sender == receiver:
            sender = self.agency(i + 1) if self.agency(i + 1) != receiver else self.agencies[0]
        return {"senderId": sender, "receiverId": receiver, "aboutId": rng.choice(self.capacities[receiver]),
                "subject": "درخواست همکاری در بهره‌برداری از ظرفیت", "body": "خواهشمند است ترتیب همکاری داده شود.",
                "dueDate": "1404/09/30"}  # fmt: skip


@dataclass
class RunStats:
    scenario: str
    variant: str
    clients: int
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float] = field(repr=False, default_factory=list)
    client_cpu: float = float("nan")
    server_cpu: float = float("nan")
    store_cpu: float = float("nan")
    first_error: str | None = None

    @property
    def p50(self) -> float:
        return percentile(self.latencies_ms, 50)

    @property
    def p99(self) -> float:
        return percentile(self.latencies_ms, 99)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else float("nan")


Call = Callable[[int], Awaitable[None]]


async def drive(call: Call, clients: int, max_requests: int, max_seconds: float, warmup: int,
                pids: tuple[int | None, int | None] = (None, None)) -> RunStats:  # fmt: skip
    """``clients`` workers calling ``call(i)`` until ``max_requests`` calls or ``max_seconds`` passed."""
    for i in range(warmup):
        await call(10**6 + i)
    latencies: list[float] = []
    errors: list[str] = []
    counter = iter(range(max_requests))
    deadline = time.perf_counter() + max_seconds

    async def worker() -> None:
        for i in counter:
            if time.perf_counter() > deadline:
                return
            started = time.perf_counter()
            try:
                await call(i)
            except Exception as exc:  # noqa: BLE001 - counted and reported
                errors.append(f"{type(exc).__name__}: {exc}"[:300])
                continue
            latencies.append((time.perf_counter() - started) * 1000)

    server_pid, store_pid = pids
    cpu0, srv0, sto0 = time.process_time(), cpu_seconds(server_pid or 0), cpu_seconds(store_pid or 0)
    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    wall = time.perf_counter() - started
    stats = RunStats("", "", clients, len(latencies), len(errors), wall, latencies,
                     first_error=errors[0] if errors else None)  # fmt: skip
    stats.client_cpu = (time.process_time() - cpu0) / wall
    if server_pid:
        stats.server_cpu = (cpu_seconds(server_pid) - srv0) / wall
    if store_pid:
        stats.store_cpu = (cpu_seconds(store_pid) - sto0) / wall
    return stats


def merged(parts: list[RunStats]) -> RunStats:
    """One variant's slices as one run: all latencies, requests over the summed time, CPU shares
    weighted by each slice's time."""
    seconds = sum(p.seconds for p in parts)
    run = RunStats("", "", parts[0].clients, sum(p.requests for p in parts), sum(p.errors for p in parts), seconds,
                   [x for p in parts for x in p.latencies_ms],
                   first_error=next((p.first_error for p in parts if p.first_error), None))  # fmt: skip
    for attr in ("client_cpu", "server_cpu", "store_cpu"):
        setattr(run, attr, sum(getattr(p, attr) * p.seconds for p in parts) / seconds if seconds else float("nan"))
    return run


class Server:
    """A uvicorn subprocess (one worker unless told) on a free loopback port."""

    def __init__(self, app: str, graph: str, ready_path: str, workers: int = 1, extra_env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # No notification sweep in the measured servers (HAMAHANG_NOTIFY__SCHEDULE): on a registry just loaded its
        # first sweep catches up on every overdue request (26,000 at city, 67,000 notifications written over one
        # run; about a hundred times that at country), writing beside the requests measured, which the plain
        # baseline does not do. A steady sweep reads for 1.5 s every 5 minutes at city and writes nothing.
        env = dict(os.environ, HAMAHANG_DATA_DIR=str(DATA), HAMAHANG_GRAPH_NAME=graph, HAMAHANG_ENV="production",
                   HAMAHANG_LOAD_DEMO="false", HAMAHANG_PORTAL_SECRET=PORTAL_SECRET, PYTHONPATH=str(ROOT),
                   HAMAHANG_NOTIFY__SCHEDULE="false")  # fmt: skip
        env.update(extra_env or {})
        cmd = [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(self.port), "--workers", str(workers),
               "--log-level", "warning", "--no-access-log"]  # fmt: skip
        self.command = " ".join(cmd[1:])
        self.process = subprocess.Popen(cmd, env=env, cwd=ROOT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 90
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"{app} exited with {self.process.returncode}")
            try:
                if httpx.get(self.url + ready_path, timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{app} did not become ready")
            time.sleep(0.2)

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def _gql_ok(response: httpx.Response) -> dict[str, Any]:
    if response.status_code != 200:
        raise RuntimeError(f"HTTP {response.status_code}: {response.text[:200]}")
    body: dict[str, Any] = response.json()
    if body.get("errors"):
        raise RuntimeError(str(body["errors"])[:300])
    return body["data"]  # type: ignore[no-any-return]


def _ok(response: httpx.Response) -> Any:
    if response.status_code != 200:
        raise RuntimeError(f"HTTP {response.status_code}: {response.text[:200]}")
    return response.json()


def graphql_calls(client: httpx.AsyncClient, token: str, sample: Sample) -> dict[str, Call]:
    headers = {"Authorization": f"Bearer {token}"}

    async def post(doc: str, variables: dict[str, Any]) -> dict[str, Any]:
        return _gql_ok(await client.post("/graphql", json={"query": DOCS[doc], "variables": variables}, headers=headers))

    async def typename(i: int) -> None:
        await post("typename", {})

    async def lookup(i: int) -> None:
        await post("lookup", {"id": sample.agency(i)})

    async def page(i: int) -> None:
        data = await post("page", {"id": sample.agency(i)})
        [r for r in data["agency"]["requestsReceived"] if r["status"] in OPEN_GQL]

    async def listing(i: int) -> None:
        await post("list", {"after": cursor((i % 10) * 20)})

    async def file(i: int) -> None:
        await post("file", {"input": sample.filing(i)})

    return {"typename": typename, "lookup": lookup, "page": page, "list": listing, "file": file}


def plain_calls(client: httpx.AsyncClient, token: str, sample: Sample) -> dict[str, Call]:
    headers = {"Authorization": f"Bearer {token}"}

    async def lookup(i: int) -> None:
        _ok(await client.get(f"/agency/{sample.agency(i)}", headers=headers))

    async def bare(i: int) -> None:
        _ok(await client.get(f"/bare/agency/{sample.agency(i)}"))

    async def page(i: int) -> None:
        data = _ok(await client.get(f"/agency/{sample.agency(i)}/page", headers=headers))
        [r for r in data["requests"] if r["status"] in OPEN_PLAIN]

    async def listing(i: int) -> None:
        _ok(await client.get("/requests", params={"status": "submitted", "skip": (i % 10) * 20, "limit": 20}))

    async def file(i: int) -> None:
        _ok(await client.post("/requests", json=sample.filing(i)))

    return {"lookup": lookup, "bare": bare, "page": page, "list": listing, "file": file}


def direct_calls(store: Any, sample: Sample) -> dict[str, Call]:
    from service.registry.clock import new_id, now_iso
    from service.text.jalali import parse_date

    async def lookup(i: int) -> None:
        if not await store.read("bench/lookup", {"id": sample.agency(i)}):
            raise RuntimeError("no agency")

    async def page(i: int) -> None:
        rows = await store.read("bench/page", {"id": sample.agency(i)})
        [r for r in rows[0]["requests"] if r["status"] in OPEN_PLAIN]

    async def listing(i: int) -> None:
        await store.read("bench/requests_page", {"status": "submitted", "skip": (i % 10) * 20, "limit": 20})

    async def file(i: int) -> None:
        data, now = sample.filing(i), now_iso()
        props = {"subject": data["subject"], "body": data["body"], "status": "submitted", "version": 1,
                 "archived": False, "createdAt": now, "updatedAt": now,
                 "dueDate": parse_date(data["dueDate"]).isoformat()}  # fmt: skip
        if not await store.write("bench/file_request", {"id": new_id("rq"), "senderId": data["senderId"],
                                                         "receiverId": data["receiverId"], "aboutId": data["aboutId"],
                                                         "props": props}):  # fmt: skip
            raise RuntimeError("not filed")

    return {"lookup": lookup, "page": page, "list": listing, "file": file}


async def same_data(gql: httpx.AsyncClient, plain: httpx.AsyncClient, token: str, sample: Sample) -> list[str]:
    """The GraphQL page and the plain page carry the same records (checked on a few agencies)."""
    problems = []
    headers = {"Authorization": f"Bearer {token}"}
    for i in range(5):
        ident = sample.agency(i)
        g = _gql_ok(await gql.post("/graphql", json={"query": DOCS["page"], "variables": {"id": ident}}, headers=headers))["agency"]
        p = _ok(await plain.get(f"/agency/{ident}/page", headers=headers))
        for gk, pk in (("duties", "duties"), ("capacities", "capacities")):
            if sorted(r["id"] for r in g[gk]) != sorted(r["id"] for r in p[pk]):
                problems.append(f"{ident}: {gk} differ ({len(g[gk])} vs {len(p[pk])})")
        go = sorted(r["id"] for r in g["requestsReceived"] if r["status"] in OPEN_GQL)
        po = sorted(r["id"] for r in p["requests"] if r["status"] in OPEN_PLAIN)
        if go != po:
            problems.append(f"{ident}: open requests differ ({len(go)} vs {len(po)})")
    return problems


SCENARIOS = ("lookup", "page", "list", "file")


async def measure(graph: str, store: Any, store_pid: int, token: str, log_run: Callable[[RunStats], None],
                  scenarios: tuple[str, ...] = SCENARIOS) -> tuple[list[RunStats], dict[str, Any]]:  # fmt: skip
    """Every scenario × variant, sequential then concurrent; returns the runs and notes."""
    sample = await Sample.draw(store)
    service = Server("service.asgi:app", graph, "/readyz")
    plain = Server("bench.plain_app:app", graph, "/healthz")
    notes: dict[str, Any] = {"service command": service.command, "plain command": plain.command}
    runs: list[RunStats] = []
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    try:
        async with httpx.AsyncClient(base_url=service.url, limits=limits, timeout=60) as gql, \
                httpx.AsyncClient(base_url=plain.url, limits=limits, timeout=60) as pl:  # fmt: skip
            notes["same data"] = await same_data(gql, pl, token, sample)
            variants = {
                "graphql": (graphql_calls(gql, token, sample), service.pid),
                "plain": (plain_calls(pl, token, sample), plain.pid),
                "direct": (direct_calls(store, sample), None),
            }
            for scenario in scenarios:
                order = ["direct", "plain", "graphql"]
                order[1:1] = ["plain:bare", "graphql:typename"] if scenario == "lookup" else []
                slices: dict[tuple[str, int], list[RunStats]] = {}
                for clients, bounds in ((1, SEQUENTIAL), (CLIENTS, CONCURRENT)):
                    part = {"max_requests": bounds["max_requests"] // ROUNDS, "max_seconds": bounds["max_seconds"] / ROUNDS,
                            "warmup": bounds["warmup"] // ROUNDS}  # fmt: skip
                    for _ in range(ROUNDS):
                        for variant in order:
                            name, _, call_name = variant.partition(":")
                            calls, pid = variants[name]
                            stats = await drive(calls[call_name or scenario], clients, pids=(pid, store_pid), **part)  # type: ignore[arg-type]
                            slices.setdefault((variant, clients), []).append(stats)
                for variant in order:
                    for clients in (1, CLIENTS):
                        stats = merged(slices[(variant, clients)])
                        stats.scenario, stats.variant = scenario, variant
                        runs.append(stats)
                        log_run(stats)
    finally:
        service.stop()
        plain.stop()
    return runs, notes
