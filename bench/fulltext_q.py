"""``q`` at city scale with and without the full-text index (not part of ``make bench``).

The bench's city registry is bulk-imported twice, into a graph with the full-text indexes and into
one without (the same schema less ``schema/fulltext.falkordb``), timing each import; then each ``q``
below is asked as the GraphQL list asks it with ``q`` alone (page of 20 and its count, through the
Repository): the indexed graph answers from the index (ranked), the other with CONTAINS on the
search key. Medians of ``RUNS`` interleaved runs; figures only, no asserts.

    python -m bench.fulltext_q
"""

from __future__ import annotations

import asyncio
import statistics
import time

from bench.common import connect, fresh_store, library, log
from bench.generate import generate
from service.registry import fulltext
from service.registry.bulk import import_in_batches
from service.registry.repository import Repository
from service.registry.specs import DUTY, EXCHANGE, REQUEST, EntitySpec
from service.storage.falkor import FalkorStore

RUNS = 7
QUESTIONS: tuple[tuple[EntitySpec, str], ...] = (
    (DUTY, "فضای سبز"), (DUTY, "نگهداری"), (DUTY, "آتش"), (REQUEST, "درخواست"), (REQUEST, "پساب"),
    (EXCHANGE, "تامین"), (EXCHANGE, "بودجه"),
)  # fmt: skip


async def ask(store: FalkorStore, spec: EntitySpec, q: str, sort: str) -> tuple[float, int]:
    repo = Repository(store)  # a fresh one: no full-text answer kept from the run before
    started = time.perf_counter()
    await repo.page(spec, filters={}, q=q, sort=sort, limit=21)
    total = await repo.count(spec, filters={}, q=q, sort=sort)
    return time.perf_counter() - started, total


async def main() -> None:
    server = fresh_store()
    bundle = generate(1)
    try:
        plain_library = library()
        plain_library.texts["schema/fulltext.falkordb"] = "// no full-text index: the comparison graph\n"
        stores: dict[str, FalkorStore] = {}
        for name, queries in (("indexed", library()), ("plain", plain_library)):
            store = await connect(server, f"ftq_{name}", schema=False)
            store._queries = queries  # the plain graph's schema lacks the full-text indexes
            await store.apply_schema()
            started = time.perf_counter()
            await import_in_batches(store, bundle)
            log(f"{name}: bulk import of the city {time.perf_counter() - started:.1f} s")
            stores[name] = store
        for spec, q in QUESTIONS:
            timings: dict[str, list[float]] = {"index": [], "contains": [], "contains on indexed graph": []}
            totals: dict[str, int] = {}
            for _ in range(RUNS):
                for label, store, sort in (("index", stores["indexed"], fulltext.RANK),
                                           ("contains", stores["plain"], "created"),
                                           ("contains on indexed graph", stores["indexed"], "created")):  # fmt: skip
                    seconds, total = await ask(store, spec, q, sort)
                    timings[label].append(seconds)
                    totals[label] = total
            line = ", ".join(f"{k} {statistics.median(v) * 1000:.1f} ms ({totals[k]})" for k, v in timings.items())
            log(f"{spec.key} q={q!r}: {line}")
        for store in stores.values():
            await store.close()
    finally:
        server.stop()


if __name__ == "__main__":
    asyncio.run(main())
