"""Bulk import from XLSX/CSV/JSON (all rows or none, every bad row reported) and export back."""

from __future__ import annotations

import io
import json

from openpyxl import load_workbook

from service.io.workbook import bundle_to_xlsx
from tests.conftest import GraphQL
from tests.factories import small_bundle

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _upload(registry: GraphQL, name: str, data: bytes, **params: str) -> tuple[int, dict]:
    response = registry.post("/registry/import", files={"file": (name, data)}, params=params)
    return response.status_code, response.json()


def _count_all(registry: GraphQL) -> int:
    counts = registry.ok("{ agencies(filter: {includeArchived: true}) { totalCount } duties { totalCount } requests { totalCount } }")
    return sum(v["totalCount"] for v in counts.values())


def test_demo_exports_whole_and_refuses_to_import_twice(demo: GraphQL) -> None:
    exported = demo.get("/registry/export.json").json()
    assert len(exported["agencies"]) == demo.ok("{ agencies { totalCount } }")["agencies"]["totalCount"]
    assert all(r["history"] is not None for r in exported["requests"])
    workbook = demo.get("/registry/export.xlsx")
    assert workbook.headers["content-type"] == XLSX
    status, body = _upload(demo, "registry.xlsx", workbook.content)
    assert status == 422 and {p["column"] for p in body["problems"]} == {"id"}  # all of it is there already


def test_round_trip_through_xlsx_into_an_empty_registry(registry: GraphQL, settings) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import make_token, run_on_store

    status, body = _upload(registry, "small.json", json.dumps(small_bundle(), ensure_ascii=False).encode())
    assert status == 200 and body["counts"]["agencies"] == 3
    first = registry.get("/registry/export.json").json()
    workbook = registry.get("/registry/export.xlsx").content
    run_on_store(settings, lambda store: store.wipe())
    registry.token = make_token(settings, "directorate")  # the wipe took the tokens too
    status, body = _upload(registry, "again.xlsx", workbook)
    assert status == 200, body
    assert registry.get("/registry/export.json").json() == first


def test_bad_rows_are_all_reported_and_nothing_is_written(registry: GraphQL) -> None:
    bundle = small_bundle()
    bundle["agencies"][1]["kind"] = "castle"                      # not a kind
    bundle["duties"][0]["agencyId"] = "ag-missing"                 # no such agency
    bundle["requests"][0]["dueDate"] = "1403/14/01"                # no 14th month
    bundle["requests"][0]["history"] = [{"to": "done"}]            # skips the workflow
    bundle["exchanges"][1]["dutyId"] = "du-green"                  # a duty of another agency
    status, body = _upload(registry, "bad.xlsx", bundle_to_xlsx(bundle))
    assert status == 422
    found = {(p["sheet"], p["column"]) for p in body["problems"]}
    assert {("agencies", "kind"), ("duties", "agencyId"), ("requests", "dueDate")} <= found
    rows = {(p["sheet"], p["row"]) for p in body["problems"]}
    assert ("agencies", 3) in rows  # header is row 1, so the second agency is row 3
    assert all(p["reasonFa"] for p in body["problems"])
    assert _count_all(registry) == 0

    bundle = small_bundle()
    bundle["requests"][0]["history"] = [{"to": "done"}]
    bundle["exchanges"][1]["dutyId"] = "du-green"
    status, body = _upload(registry, "bad.json", json.dumps(bundle).encode())
    assert status == 422
    assert {(p["sheet"], p["column"]) for p in body["problems"]} == {("exchanges", "dutyId")}
    assert _count_all(registry) == 0


def test_workflow_history_is_checked_on_import(registry: GraphQL) -> None:
    bundle = small_bundle()
    bundle["requests"][0]["history"] = [{"to": "done", "on": "1403/03/02"}]
    status, body = _upload(registry, "bad.json", json.dumps(bundle).encode())
    assert status == 422 and body["problems"][0]["column"] == "history"


def test_csv_import_of_one_sheet(registry: GraphQL) -> None:
    text = "id,code,nameFa,nameEn,kind,level,parentId\nag-x,X,دستگاه ایکس,X,ngo,external,\nag-y,Y,دستگاه وای,Y,ngo,external,ag-x\n"
    status, body = _upload(registry, "agencies.csv", text.encode("utf-8-sig"))
    assert status == 200 and body["counts"]["agencies"] == 2
    data = registry.ok('{ agency(id: "ag-y") { parent { nameFa } } }')
    assert data["agency"]["parent"]["nameFa"] == "دستگاه ایکس"
    status, body = _upload(registry, "agencies.csv", b"id,code,nameFa,kind,level\nag-z,Z,,ngo,external\n")
    assert status == 422 and body["problems"][0] == {
        "sheet": "agencies", "row": 2, "column": "nameFa", "reason": body["problems"][0]["reason"],
        "reasonFa": body["problems"][0]["reasonFa"],
    }  # fmt: skip


def test_template_lists_every_sheet_with_a_persian_guide(registry: GraphQL) -> None:
    response = registry.get("/registry/template.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "guide" and book["guide"].sheet_view.rightToLeft
    assert set(book.sheetnames[1:]) == {
        "agencies", "duties", "capacities", "needs", "issues", "exchanges", "requests", "workingGroups",
    }  # fmt: skip
    assert [c.value for c in book["agencies"][1]][:3] == ["id", "code", "nameFa"]


def test_unreadable_upload_is_refused(registry: GraphQL) -> None:
    response = registry.post("/registry/import", files={"file": ("x.xlsx", b"not a workbook")})
    assert response.status_code == 422 and response.json()["error"]["code"] == "BAD_FILE"


def test_formula_titles_leave_as_text_and_come_back_unchanged(registry: GraphQL, settings) -> None:  # type: ignore[no-untyped-def]
    """OWASP CSV injection: a title that starts like a formula is written with a leading ' (text in
    every spreadsheet), and importing our own workbook takes the ' off again: nothing is lost."""
    from tests.conftest import make_token, run_on_store

    bundle = small_bundle()
    bundle["capacities"][0]["titleFa"] = '=HYPERLINK("http://evil.example","click")'
    bundle["needs"][0]["titleFa"] = "-1+2"
    bundle["needs"][0]["valueRials"] = 5000
    assert _upload(registry, "s.json", json.dumps(bundle, ensure_ascii=False).encode())[0] == 200
    first = registry.get("/registry/export.json").json()
    workbook = registry.get("/registry/export.xlsx").content
    book = load_workbook(io.BytesIO(workbook))
    titles = {c.value: c.data_type for row in book["capacities"].iter_rows() for c in row} | {
        c.value: c.data_type for row in book["needs"].iter_rows() for c in row}
    assert titles["'=HYPERLINK(\"http://evil.example\",\"click\")"] == "s" and titles["'-1+2"] == "s"
    assert titles[5000] == "n"
    run_on_store(settings, lambda store: store.wipe())
    registry.token = make_token(settings, "directorate")
    status, body = _upload(registry, "again.xlsx", workbook)
    assert status == 200, body
    assert registry.get("/registry/export.json").json() == first
