"""Agreements in the downloads: OCDS (tender → award → contract → implementation) valid against the
OCDS 1.1.5 release schema, and the list and seed-004 totals in CSV and XLSX, each through the
reader's view."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from service.interop.ocds import release_errors
from tests.agreements.conftest import ANSWER, MOVE, Parties, add


def _settled(p: Parties) -> str:
    ident: str = p.active(kind="KNOWLEDGE_BASED_CONTRACT", titleFa="=HYPERLINK(\"x\") نشت‌یابی", contractRef="ABFA-1405-01")["id"]
    order = p.receiver.ok(add("placeOrder"), id=ident, input={"titleFa": "نشت‌یابی ۱۰ کیلومتر", "dueDate": "1405/06/31"})["placeOrder"]
    p.provider.ok(ANSWER, id=ident, step=order["step"]["id"], answer="ACCEPTED")
    done = p.provider.ok(add("reportDelivery"), id=ident, input={"valueRials": 500, "refId": order["step"]["id"]})["reportDelivery"]
    p.receiver.ok(ANSWER, id=ident, step=done["step"]["id"], answer="ACCEPTED")
    paid = p.receiver.ok(add("recordPayment"), id=ident, input={"valueRials": 500})["recordPayment"]
    p.provider.ok(ANSWER, id=ident, step=paid["step"]["id"], answer="CONFIRMED")
    p.receiver.ok(add("recordPayment"), id=ident, input={"valueRials": 40})  # awaiting confirmation
    p.receiver.ok(MOVE, id=ident, to="COMPLETED")
    return ident


def test_agreements_are_valid_ocds_releases_at_every_stage(parties: Parties) -> None:
    p = parties
    settled, draft = _settled(p), p.draft()["id"]
    response = p.receiver.get("/interop/agreements.ocds")
    assert response.status_code == 200
    package = response.json()
    releases = {r["ocid"].removeprefix("ocds-hamahang-"): r for r in package["releases"]}
    assert set(releases) == {settled, draft}
    for release in package["releases"]:
        assert release_errors(release) == [], release["ocid"]
    done, tender = releases[settled], releases[draft]
    assert tender["tag"] == ["tender"] and "contracts" not in tender and tender["tender"]["status"] == "active"
    assert done["tag"] == ["tender", "award", "contract", "implementation"]
    contract = done["contracts"][0]
    assert contract["status"] == "active" and contract["dateSigned"].startswith("2026-03-30")  # 1405/01/10
    implementation = contract["implementation"]
    assert [t["value"]["amount"] for t in implementation["transactions"]] == [500]
    assert implementation["transactions"][0]["payer"]["id"] == "ag-parks"
    assert sorted((m["type"], m["status"]) for m in implementation["milestones"]) == [
        ("delivery", "met"), ("delivery", "met"), ("financing", "scheduled")]
    roles = {x["id"]: set(x["roles"]) for x in done["parties"]}
    assert roles == {"ag-water": {"supplier", "payee"}, "ag-parks": {"buyer", "payer"}}
    # the schema check is real: a broken release is reported
    broken = dict(done, contracts=[dict(contract, status="nearly")])
    assert release_errors(broken)
    assert p.stranger.get("/interop/agreements.ocds").json()["releases"] == []  # a stranger's package holds none of them


def test_csv_and_xlsx_hold_the_list_and_the_totals(parties: Parties) -> None:
    p = parties
    ident = _settled(p)
    listed = list(csv.DictReader(io.StringIO(p.receiver.get("/registry/agreements.csv").text)))
    assert [(r["id"], r["kindFa"], r["statusFa"], r["signedOn"], r["jalaliYear"]) for r in listed] == [
        (ident, "قرارداد با شرکت دانش‌بنیان", "انجام‌شده", "1405/01/10", "1405")]
    assert listed[0]["titleFa"].startswith("'=HYPERLINK")  # a formula is text in a spreadsheet
    totals = list(csv.DictReader(io.StringIO(p.directorate.get("/registry/agreement-totals.csv").text)))
    assert totals == [{"kind": "knowledge_based_contract", "kindFa": "قرارداد با شرکت دانش‌بنیان", "jalaliYear": "1405",
                       "count": "1", "valueRials": "9000000000"}]  # fmt: skip
    assert list(csv.DictReader(io.StringIO(p.stranger.get("/registry/agreement-totals.csv").text))) == []
    book = load_workbook(io.BytesIO(p.directorate.get("/registry/agreements.xlsx").content))
    assert book.sheetnames == ["agreements", "totals"]
    assert [c.value for c in book["totals"][2]] == ["knowledge_based_contract", "قرارداد با شرکت دانش‌بنیان", 1405, 1, 9000000000]
    assert book["agreements"]["A2"].value == ident
