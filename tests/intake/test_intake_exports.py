"""Sources, levels and innovation centres leave by the registry's XLSX/JSON export and come back by
import unchanged; a wrong source in a sheet is reported on its column in Persian."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.conftest import GraphQL, make_token, run_on_store

Q = """{ issues(first: 100) { nodes { id source level } } knowledgeProducts(first: 100) { nodes { id innovationCentre } } }"""


def test_intake_fields_travel_through_the_workbook(demo: GraphQL, settings) -> None:  # type: ignore[no-untyped-def]
    before = demo.ok(Q)
    workbook = demo.get("/registry/export.xlsx").content
    book = load_workbook(io.BytesIO(workbook))
    assert {"source", "level"} <= {c.value for c in next(book["issues"].iter_rows(max_row=1))}
    assert "innovationCentre" in {c.value for c in next(book["capacities"].iter_rows(max_row=1))}
    run_on_store(settings, lambda store: store.wipe())
    demo.token = make_token(settings, "directorate")
    response = demo.post("/registry/import", files={"file": ("again.xlsx", workbook)})
    assert response.status_code == 200, response.text
    after = demo.ok(Q)
    for key in ("issues", "knowledgeProducts"):
        assert sorted(map(str, after[key]["nodes"])) == sorted(map(str, before[key]["nodes"]))


def test_a_wrong_source_in_a_sheet_is_reported_on_its_column(registry: GraphQL) -> None:
    agencies = ("id,code,nameFa,kind,level\nag-a,A,الف,district,district\nag-b,B,ب,utility_company,external\n")
    assert registry.post("/registry/import", files={"file": ("agencies.csv", agencies.encode("utf-8-sig"))}).status_code == 200
    bad = ("id,raisedById,concernsIds,titleFa,category,severity,source,level\n"
           "is-x,ag-a,ag-b,قطع آب,service_delivery,high,hearsay,district\n")
    response = registry.post("/registry/import", files={"file": ("issues.csv", bad.encode("utf-8-sig"))})
    assert response.status_code == 422
    problem = response.json()["problems"][0]
    assert problem["column"] == "source" and "در واژگان شناخته نیست" in problem["reasonFa"]
    good = bad.replace("hearsay", "citizen_survey")
    assert registry.post("/registry/import", files={"file": ("issues.csv", good.encode("utf-8-sig"))}).status_code == 200
    assert registry.ok('{ issue(id: "is-x") { source level } }')["issue"] == {"source": "citizen_survey", "level": "DISTRICT"}
