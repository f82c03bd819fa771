"""Every reader survives what any writer could have stored (issue 13, items 5, 6, 7).

Input now refuses a due date of 9999-12-31 or a BEL in a title, but an older version, a restore or
another writer may have put them in the store. Here such values are written straight into the store
(a backup of the demo, edited, restored into the wiped graph: no validation on the way) and every
page, export, picture and GraphQL field that shows them is read back: no 5xx, no INTERNAL, dates
the Jalali calendar cannot show come out as their ISO form (or empty), and spreadsheets hold no
live formula and no illegal character.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook

from service.analysis.runner import ANALYSES
from service.registry.backup import backup_lines, restore_lines
from service.settings import Settings
from service.storage.falkor import FalkorStore
from tests.conftest import LiveServer, _reset, make_token, run_on_store
from tests.portal.conftest import sign_in

FORMULA = '=HYPERLINK("http://evil.example/x","click")'
# record id -> properties written as they are (a writer that skipped validation)
EXTREMES: dict[str, dict[str, Any]] = {
    "rq-abfa-gis": {"dueDate": "9999-12-31", "filedOn": "0001-01-01", "subject": "bell\u0007char " + FORMULA},
    "ca-ict-gis": {"availableFrom": "9999-12-31", "availableTo": "not-a-date", "titleFa": "=1+1", "quantity": -5},
    "ne-abfa-gis": {"neededFrom": "9999-12-31", "titleFa": "@SUM(A1:A9)\u0001"},
    "is-excavation-civil": {"raisedOn": "0001-01-01", "titleFa": "+cmd|' /C calc'!A0"},
    "ex-abfa-relocate-civil": {"date": "9999-12-31", "titleFa": "-2+3\u000b"},
    "ag-abfa": {"nameFa": "=1+1 آبفا", "nameEn": "\tTAB"},
}
RECEIVER = "ag-ict"  # the request's receiver: its portal dashboard lists the request due 9999-12-31
SENDER = "ag-abfa"


def store_extremes(settings: Settings) -> None:
    """The demo, with ``EXTREMES`` written into its records through backup → edit → wipe → restore."""

    async def work(store: FalkorStore) -> None:
        lines = []
        for line in await backup_lines(store):
            item = json.loads(line)
            props = item.get("props") or {}
            if props.get("id") in EXTREMES and "labels" in item:
                props.update(EXTREMES[props["id"]])
            lines.append(json.dumps(item, ensure_ascii=False))
        await store.wipe()
        await restore_lines(store, lines)

    run_on_store(settings, work)


@pytest.fixture(scope="module")
def reader(live: LiveServer, settings: Settings) -> Iterator[httpx.Client]:
    _reset(settings, with_demo=True)
    store_extremes(settings)
    token = make_token(settings, "directorate")
    with httpx.Client(base_url=live.url, timeout=120, headers={"Authorization": f"Bearer {token}"}) as client:
        yield client


GRAPHQL = """{
  requests(filter: {includeArchived: true}, first: 100) { nodes { id subject dueDate dueDateJalali filedOn filedOnJalali
    overdue history { atJalali } } }
  capacities(first: 100) { nodes { id titleFa availableFrom availableFromJalali availableTo availableToJalali } }
  needs(first: 100) { nodes { id neededFrom neededFromJalali } }
  issues(first: 100) { nodes { id raisedOn raisedOnJalali } }
  exchanges(first: 100) { nodes { id date dateJalali jalaliYear } }
  y1403: exchanges(filter: {jalaliYear: 1403}) { totalCount }
  stats { exchangeTotals { kind jalaliYear count } }
}"""


def test_graphql_reads_every_stored_extreme(reader: httpx.Client) -> None:
    body = reader.post("/graphql", json={"query": GRAPHQL}).json()
    assert not body.get("errors"), body["errors"]
    request = next(r for r in body["data"]["requests"]["nodes"] if r["id"] == "rq-abfa-gis")
    assert request["dueDate"] == "9999-12-31" and request["dueDateJalali"] is None
    assert request["filedOn"] == "0001-01-01" and request["filedOnJalali"] is None
    capacity = next(c for c in body["data"]["capacities"]["nodes"] if c["id"] == "ca-ict-gis")
    assert capacity["availableFrom"] == "9999-12-31" and capacity["availableFromJalali"] is None
    assert capacity["availableTo"] is None and capacity["availableToJalali"] is None  # garbage shows as nothing
    exchange = next(x for x in body["data"]["exchanges"]["nodes"] if x["id"] == "ex-abfa-relocate-civil")
    assert exchange == {"id": "ex-abfa-relocate-civil", "date": "9999-12-31", "dateJalali": None, "jalaliYear": None}


def _pages() -> list[str]:
    pages = ["/registry/export.json", "/registry/export.xlsx", "/interop/catalogue.json",
             f"/interop/catalogue/{RECEIVER}.json", "/graph", "/graph?year_from=1400&year_to=1404",
             f"/graph/agency/{SENDER}", "/graph/overlay/duplication", "/graph/overlay/winwin"]  # fmt: skip
    pages += [f"/interop/export.{fmt}" for fmt in ("graphml", "gexf", "ftm", "ocds", "popolo")]
    pages += ["/interop/export.ocds?year_from=1400", "/interop/export.ftm?agency=ag-abfa"]
    pages += [f"/analyses/{name}.{fmt}" for name in ANALYSES for fmt in ("csv", "xlsx", "json")]
    pages += [f"/matrix/{name}{ext}" for name in ("duplication", "winwin", "followup", "collaboration")
              for ext in ("", ".svg", ".png")]  # fmt: skip
    return pages


@pytest.mark.parametrize("path", _pages())
def test_every_page_and_export_reads_the_stored_extremes(reader: httpx.Client, path: str) -> None:
    response = reader.get(path)
    assert response.status_code == 200, (path, response.status_code, response.text[:300])


def test_the_capacity_catalogue_shows_the_iso_date_it_cannot_convert(reader: httpx.Client) -> None:
    found = reader.get(f"/interop/catalogue/{RECEIVER}.json").json()
    entry = next(s for s in found["services"] if s["serviceCode"] == "ca-ict-gis")
    assert entry["availableFrom"] == "9999-12-31" and "availableFromJalali" not in entry


def test_the_portal_of_both_parties_shows_the_iso_date(reader: httpx.Client, live: LiveServer, settings: Settings) -> None:
    for agency in (RECEIVER, SENDER):
        portal = sign_in(live.url, make_token(settings, "agency", agency))
        try:
            page = portal.get("/portal/dashboard")
            assert page.status_code == 200, page.text[:300]
            detail = portal.get("/portal/requests/rq-abfa-gis")
            assert detail.status_code == 200, detail.text[:300]
            assert "۹۹۹۹-۱۲-۳۱" in detail.text  # the ISO date, in Persian digits on a Persian page
        finally:
            portal.close()


def _xlsx_texts(data: bytes) -> list[Any]:
    book = load_workbook(io.BytesIO(data))
    values = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)  # no live formula
                values.append(cell.value)
    return values


def _dangerous(value: Any) -> bool:
    return isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r")


def test_the_registry_workbook_holds_no_formula_and_no_control_character(reader: httpx.Client) -> None:
    values = _xlsx_texts(reader.get("/registry/export.xlsx").content)
    texts = [v for v in values if isinstance(v, str)]
    assert "'=1+1" in texts and "'@SUM(A1:A9)" in texts and "'=1+1 آبفا" in texts and "'\tTAB" in texts
    assert "bellchar " + FORMULA in texts  # inside a text a formula is harmless: only the start counts
    assert not [v for v in texts if _dangerous(v)]
    assert -5 in values  # a negative number stays a number


@pytest.mark.parametrize("name", list(ANALYSES))
def test_analysis_downloads_hold_no_formula(reader: httpx.Client, name: str) -> None:
    workbook = _xlsx_texts(reader.get(f"/analyses/{name}.xlsx").content)
    assert not [v for v in workbook if _dangerous(v)]
    text = reader.get(f"/analyses/{name}.csv").text.removeprefix("\ufeff")
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert not [c for c in cells if _dangerous(c) and not _number(c)], name


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
