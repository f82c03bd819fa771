"""Bulk load: the service's import path against the store's own raw batched ``UNWIND`` write.

Three loaders, each into an empty graph of its own, all batched at ``BATCH`` rows per statement:

* ``raw``: the baseline. Rows already prepared (properties, search keys, edges: not timed), written
  with the shortest statements FalkorDB takes: ``UNWIND $rows CREATE (n:Label) SET n += r.props``
  per label and ``UNWIND … MATCH … MATCH … CREATE`` per relationship type (``ABOUT`` targets told
  apart by id prefix). No audit events, no validation.
* ``bulk``: the service's bulk path (``python -m service import FILE --batch-rows N``,
  ``service.registry.bulk.import_in_batches``): the whole bundle validated and built once against
  the store, then the service's own ``registry/import`` statement once per batch of one parameter
  list (other lists empty), each with its audit event.
* ``service``: ``import_bundle(store, {section: batch})`` per batch of rows of one section, sections in
  dependency order: the public import path exactly, store look-ups for ids and references included.

Throughput is *records* (rows of the bundle: agencies, duties, …, requests) per second; graph elements
(nodes and relationships, request steps included) per second are reported beside it.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bench.common import TimingStore
from bench.queries import ABOUT_PREFIX, EDGE_TYPES, NODE_LABELS
from service.registry.bundle import SECTIONS, import_bundle, import_params, prepare
from service.storage.port import Row

BATCH = 2000


@dataclass
class LoadResult:
    name: str
    records: int
    nodes: int
    edges: int
    seconds: float
    statements: int
    phases: dict[str, float] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.records / self.seconds if self.seconds else float("nan")

    @property
    def element_rate(self) -> float:
        return (self.nodes + self.edges) / self.seconds if self.seconds else float("nan")


class EmptyStore:
    """Answers every read with no rows: what an empty graph answers ``prepare``'s look-ups."""

    backend = "none"

    async def read(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        return []

    async def write(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        raise AssertionError("prepare does not write")


def chunks(rows: list[Any], size: int = BATCH) -> list[list[Any]]:
    return [rows[i : i + size] for i in range(0, len(rows), size)]


async def prepared_params(bundle: dict[str, list[Row]]) -> dict[str, list[dict[str, Any]]]:
    """The bundle validated and built into ``registry/import`` parameters, without a store."""
    prepared = await prepare(EmptyStore(), bundle)  # type: ignore[arg-type]
    if prepared.problems:
        raise ValueError(f"the generated bundle has {len(prepared.problems)} problems: "
                         f"{[p.as_dict() for p in prepared.problems[:5]]}")  # fmt: skip
    return import_params(prepared)


async def graph_size(store: Any) -> tuple[int, int]:
    rows = await store.read("bench/count")
    return int(rows[0]["nodes"]), int(rows[0]["edges"])


async def _require_empty(store: Any) -> None:
    nodes, _ = await graph_size(store)
    if nodes:
        raise RuntimeError(f"the target graph is not empty ({nodes} nodes)")


async def load_raw(store: Any, params: Mapping[str, list[dict[str, Any]]], records: int) -> LoadResult:
    """The baseline: prepared rows, the shortest batched statements, nothing else."""
    await _require_empty(store)
    timed = TimingStore(store)
    started = time.perf_counter()
    for section in SECTIONS:
        for batch in chunks(list(params[section])):
            await timed.write(f"bench/raw/node/{NODE_LABELS[section]}", {"rows": batch})
    for batch in chunks(list(params["steps"])):
        await timed.write("bench/raw/steps", {"rows": batch})
    for name in EDGE_TYPES:
        for batch in chunks(list(params[name])):
            await timed.write(f"bench/raw/edge/{name}", {"rows": batch})
    about: dict[str, list[dict[str, Any]]] = {label: [] for label in ABOUT_PREFIX.values()}
    for row in params["about"]:
        about[ABOUT_PREFIX[row["toId"].split("-", 1)[0]]].append(row)
    for label, rows in about.items():
        for batch in chunks(rows):
            await timed.write(f"bench/raw/about/{label}", {"rows": batch})
    seconds = time.perf_counter() - started
    nodes, edges = await graph_size(store)
    return LoadResult("raw UNWIND (baseline)", records, nodes, edges, seconds, sum(timed.calls.values()),
                      {"store writes": timed.total("write:"), "python": seconds - timed.total("write:")})  # fmt: skip


async def load_bulk(store: Any, bundle: dict[str, list[Row]], records: int) -> LoadResult:
    """The service's bulk path (``import --batch-rows``): validate and build once, then one
    ``registry/import`` statement per batch of one list."""
    from service.registry.bulk import import_in_batches

    await _require_empty(store)
    timed = TimingStore(store)
    started = time.perf_counter()
    done = await import_in_batches(timed, bundle, batch_rows=BATCH)
    if done.prepared.problems:
        raise ValueError(f"{[p.as_dict() for p in done.prepared.problems[:5]]}")
    seconds = time.perf_counter() - started
    nodes, edges = await graph_size(store)
    writes, reads = timed.total("write:"), timed.total("read:")
    phases = {"validate + build (prepare)": seconds - writes, "of which store reads": reads, "store writes": writes}
    return LoadResult("service bulk import (validate all, then registry/import per batch)", records, nodes, edges,
                      seconds, sum(timed.calls.values()), phases)  # fmt: skip


async def load_service(store: Any, bundle: dict[str, list[Row]], records: int) -> LoadResult:
    """``import_bundle`` per batch of one section: the service's public import path."""
    await _require_empty(store)
    timed = TimingStore(store)
    started = time.perf_counter()
    for section in SECTIONS:
        for batch in chunks(list(bundle.get(section) or [])):
            prepared = await import_bundle(timed, {section: batch})  # type: ignore[arg-type]
            if prepared.problems:
                raise ValueError(f"{section}: {[p.as_dict() for p in prepared.problems[:5]]}")
    seconds = time.perf_counter() - started
    nodes, edges = await graph_size(store)
    writes, reads = timed.total("write:"), timed.total("read:")
    phases = {"store writes (registry/import)": writes, "store reads (id and reference checks)": reads,
              "python (validation, build)": seconds - writes - reads}  # fmt: skip
    for key, spent in sorted(timed.seconds.items(), key=lambda kv: -kv[1])[:6]:
        phases[f"  of which {key} ×{timed.calls[key]}"] = spent
    return LoadResult("service import_bundle per batch", records, nodes, edges, seconds,
                      sum(timed.calls.values()), phases)  # fmt: skip


async def load_bulk_streamed(store: Any, units: int, records_of: Any, on_unit: Any = None, *, shrink: int = 1,
                             truth: dict[str, list[tuple[str, str]]] | None = None,
                             sections: tuple[str, ...] | None = None) -> LoadResult:  # fmt: skip
    """The service's bulk path one city unit at a time, for a registry too big to hold in memory (the
    country: 100 units, 8.2 M records; generating it whole took about 40 GB). Each unit is drawn from
    its own seed and refers only to itself and the unit before, already stored, so ``prepare`` checks
    its references against the store as an import of a later file would. ``on_unit(u, loaded, seconds)``
    hears of each unit written. ``sections``: only these lists (the analyses' five, say)."""
    from bench.generate import SECTIONS as ALL_SECTIONS, Unit
    from service.registry.bulk import import_in_batches

    await _require_empty(store)
    timed = TimingStore(store)
    started = time.perf_counter()
    loaded = 0
    generating = 0.0
    for u in range(units):
        t = time.perf_counter()
        unit = Unit(u, 1403, shrink)
        part = unit.build(sections or ALL_SECTIONS)
        generating += time.perf_counter() - t
        if truth is not None:
            truth.setdefault("duplicates", []).extend(unit.planted_duplicates)
            truth.setdefault("mirrors", []).extend(unit.planted_mirrors)
        done = await import_in_batches(timed, part, batch_rows=BATCH)
        if done.prepared.problems:
            raise ValueError(f"unit {u}: {[p.as_dict() for p in done.prepared.problems[:5]]}")
        loaded += records_of(part)
        del part, unit, done
        if on_unit is not None:
            on_unit(u, loaded, time.perf_counter() - started - generating)
    seconds = time.perf_counter() - started - generating
    nodes, edges = await graph_size(store)
    writes, reads = timed.total("write:"), timed.total("read:")
    phases = {"validate + build (prepare)": seconds - writes, "of which store reads": reads, "store writes": writes,
              "generating (not counted)": generating}  # fmt: skip
    return LoadResult("service bulk import, one city unit at a time", loaded, nodes, edges, seconds,
                      sum(timed.calls.values()), phases)  # fmt: skip
