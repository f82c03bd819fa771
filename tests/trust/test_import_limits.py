"""Big and hostile uploads (issue 13, item 8): caps on rows, cells, unzipped bytes and time answer 413
naming the limit, and a big legitimate import does not hold the service (/healthz keeps answering).

Caps are made small on a second app (same store) so the crafted files stay small and quick.
"""

from __future__ import annotations

import asyncio
import io
import json
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from openpyxl import Workbook

from service.settings import Settings
from tests.conftest import GraphQL, LiveServer, make_token, run_on_store

CAPS = {"import_max_rows": 2_000, "import_max_cells": 20_000, "import_max_uncompressed_bytes": 2_000_000}


@pytest.fixture(scope="module")
def capped(settings: Settings, embedded: object) -> Iterator[httpx.Client]:
    small = settings.model_copy(update=CAPS)
    with LiveServer(small) as live, httpx.Client(base_url=live.url, timeout=60) as client:
        client.headers["Authorization"] = f"Bearer {make_token(small, 'directorate')}"
        yield client


def agencies_xlsx(rows: int, columns: int = 0, prefix: str = "big") -> bytes:
    """A workbook of ``rows`` new agencies (streamed: openpyxl's write-only mode), ``columns`` extra cells each."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("agencies")
    sheet.append(["id", "code", "nameFa", "kind", "level", *[f"x{i}" for i in range(columns)]])
    for n in range(rows):
        sheet.append([f"ag-{prefix}-{n}", f"B{n}", f"دستگاه آزمایشی {n}", "ngo", "external", *(["v"] * columns)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def bomb_xlsx(unzipped: int) -> bytes:
    """A small file whose sheet XML inflates to ``unzipped`` bytes (the 73 KB file held 500k rows)."""
    template = agencies_xlsx(1)
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.endswith("sheet1.xml"):
                data = data.replace(b"</sheetData>", row * (unzipped // len(row)) + b"</sheetData>")
            dst.writestr(item.filename, data)
    return out.getvalue()


def _refused(response: httpx.Response, limit: str) -> None:
    assert response.status_code == 413, (response.status_code, response.text[:300])
    error = response.json()["error"]
    assert error["code"] == "IMPORT_TOO_LARGE" and error["details"]["limit"] == limit
    assert f"HAMAHANG_IMPORT_MAX_{limit.upper()}" in error["messageEn"] and error["messageFa"]


def test_rows_over_the_cap_are_refused_naming_the_limit(capped: httpx.Client) -> None:
    _refused(capped.post("/registry/import", files={"file": ("big.xlsx", agencies_xlsx(2_001))}), "rows")
    rows = [{"code": f"J{n}", "nameFa": "د", "kind": "ngo", "level": "external"} for n in range(2_001)]
    _refused(capped.post("/registry/import", files={"file": ("big.json", json.dumps({"agencies": rows}).encode())}), "rows")
    csv_rows = "code,nameFa,kind,level\n" + "".join(f"C{n},د,ngo,external\n" for n in range(2_001))
    _refused(capped.post("/registry/import", files={"file": ("agencies.csv", csv_rows.encode())}), "rows")


def test_cells_over_the_cap_are_refused(capped: httpx.Client) -> None:
    _refused(capped.post("/registry/import", files={"file": ("wide.xlsx", agencies_xlsx(150, columns=200))}), "cells")


def test_a_zip_bomb_is_refused_before_it_is_inflated(capped: httpx.Client) -> None:
    bomb = bomb_xlsx(5_000_000)
    assert len(bomb) < 100_000
    started = time.monotonic()
    _refused(capped.post("/registry/import", files={"file": ("bomb.xlsx", bomb)}), "uncompressed_bytes")
    assert time.monotonic() - started < 2


def test_within_the_caps_an_import_still_works(capped: httpx.Client) -> None:
    response = capped.post("/registry/import", files={"file": ("ok.xlsx", agencies_xlsx(50, prefix="ok"))})
    assert response.status_code == 200 and response.json()["counts"]["agencies"] == 50, response.text[:300]


def healthz_while(client: httpx.Client, base_url: str, work: Callable[[], object]) -> tuple[float, int, object]:
    """Poll /healthz every 20 ms while ``work()`` runs on another thread: (worst latency s, polls, result)."""
    result: dict[str, object] = {}
    thread = threading.Thread(target=lambda: result.setdefault("value", work()))
    worst, polls = 0.0, 0
    with httpx.Client(base_url=base_url, timeout=120) as probe:
        thread.start()
        while thread.is_alive():
            started = time.monotonic()
            assert probe.get("/healthz").status_code == 200
            worst = max(worst, time.monotonic() - started)
            polls += 1
            time.sleep(0.02)
    thread.join()
    return worst, polls, result.get("value")


ROWS = 10_000


def test_healthz_answers_within_a_second_during_a_big_import(registry: GraphQL, live: LiveServer, tmp_path: Path) -> None:
    workbook = agencies_xlsx(ROWS)

    took: list[float] = []

    def upload() -> httpx.Response:
        started = time.monotonic()
        response = registry.post("/registry/import", files={"file": ("big.xlsx", workbook)})
        took.append(time.monotonic() - started)
        return response

    idle, _, _ = healthz_while(registry.client, live.url, lambda: time.sleep(3))
    worst, polls, response = healthz_while(registry.client, live.url, upload)
    assert isinstance(response, httpx.Response) and response.status_code == 200, response
    assert response.json()["counts"]["agencies"] == ROWS
    print(f"\n/healthz worst {worst * 1000:.0f} ms over {polls} polls during a {ROWS}-row XLSX import "
          f"taking {took[0]:.1f} s (worst {idle * 1000:.0f} ms over 3 s without one)")
    # within a second of what this machine answers anyway (2 cores, shared: the scheduler alone adds
    # hundreds of milliseconds under load); the import parsed on the event loop took 6.7 s at 20k rows
    assert polls > 5 and worst < 1.0 + idle, f"/healthz took {worst:.2f} s during the import ({idle:.2f} s idle)"


def test_reading_past_the_time_cap_stops_with_the_limit_named() -> None:
    from service.errors import ServiceError
    from service.io.workbook import ImportLimits, read_bundle_file

    with pytest.raises(ServiceError) as caught:
        read_bundle_file("slow.xlsx", agencies_xlsx(1_500), limits=ImportLimits(seconds=0.000_001))
    assert caught.value.status == 413 and caught.value.details == {"limit": "seconds", "max": 0.000_001}


# 10k rows, not 20k: FalkorDB 4.16.3 leaves nodes created after a DETACH DELETE of more than about
# 16k nodes unreadable ("Attempted to access undefined attribute" even for `t.id`; 8k is fine, 20k
# is not), and the next test's wiped registry met it. An upstream bug, written up in README (Stores).
ROWS = 10_000


def test_a_bulk_statement_is_built_off_the_event_loop(registry: GraphQL, settings: Settings) -> None:
    """The statement text of a 20k-row import (parameters as text, 0.66 s) was built on the event loop;
    now on a thread, the loop keeps ticking while it is built and written."""
    from service.registry.audit import audit_event
    from service.registry.bundle import import_params, prepare
    from service.storage.falkor import FalkorStore

    bundle = {"agencies": [{"id": f"ag-loop-{n}", "code": f"L{n}", "nameFa": f"دستگاه {n}", "kind": "ngo",
                            "level": "external"} for n in range(ROWS)]}  # fmt: skip

    async def work(store: FalkorStore) -> tuple[float, float]:
        prepared = await prepare(store, bundle)
        assert not prepared.problems
        audit = audit_event(None, "import", "Registry", "import", None, {"counts": prepared.counts})
        params = {**import_params(prepared), "audit": audit}
        gaps: list[float] = []
        done = asyncio.Event()

        async def tick() -> None:
            last = time.monotonic()
            while not done.is_set():
                await asyncio.sleep(0.001)
                now = time.monotonic()
                gaps.append(now - last)
                last = now

        ticker = asyncio.create_task(tick())
        await asyncio.sleep(0.01)
        started = time.monotonic()
        await store.write("registry/import", params)
        took = time.monotonic() - started
        done.set()
        await ticker
        return max(gaps), took

    worst, took = run_on_store(settings, work)
    # Printed, not asserted: speed is measured in bench/, and a GC pause in a loaded run made this flaky
    # (76-137 ms alone, 0.9 s once in the whole suite). What is asserted is the path the statement takes.
    print(f"\nevent loop's worst gap {worst * 1000:.0f} ms while a {ROWS:,}-row import statement ran ({took:.2f} s)")
    from service.storage.falkor import OFF_LOOP_WEIGHT, _weight

    assert _weight({"rows": bundle["agencies"]}) >= OFF_LOOP_WEIGHT  # built on a worker thread
    assert _weight({"ids": ["ag-1"], "props": {"nameFa": "x"}}) < OFF_LOOP_WEIGHT  # a lookup stays inline
    assert registry.ok("{ agencies(first: 1) { totalCount } }")["agencies"]["totalCount"] == ROWS
