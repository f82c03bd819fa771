"""The money at stake: duties carry an annual budget by Jalali fiscal year; each finding shows both
sides' budgets and what it puts at stake; duplicated spend by COFOG group and year, in GraphQL and
as downloads."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.conftest import GraphQL

B = 10**9
GREEN = "dup:du-d9-green:du-parks-green"


def test_a_finding_shows_both_budgets_and_what_is_at_stake(demo: GraphQL) -> None:
    findings = demo.ok("""{ analyses { duplication { findings(classification: [DUPLICATION]) {
        id agencyAId budgetsA(fromYear: 1402, toYear: 1402) { year rials amount(unit: TOMAN) }
        budgetsB(fromYear: 1402, toYear: 1402) { year rials }
        in1402: atStakeRials(fromYear: 1402, toYear: 1402) all: atStakeRials effectFa } } } }""")["analyses"]["duplication"]["findings"]
    green = next(f for f in findings if f["id"] == GREEN)
    sides = {green["agencyAId"]: green["budgetsA"], "other": green["budgetsB"]}
    assert sorted(int(b[0]["rials"]) for b in sides.values()) == [38 * B, 120 * B]  # district 9 and the parks organisation
    assert int(green["in1402"]) == 38 * B  # the smaller side: at most that was spent twice
    assert int(green["all"]) == (31 + 38 + 42) * B
    assert "۱۱۱ میلیارد ریال" in green["effectFa"]
    assert green["budgetsA"][0]["amount"] in (3.8e9, 1.2e10)


def test_findings_filter_by_money_option_and_verdict(demo: GraphQL) -> None:
    q = """query($min: Rials) { analyses { duplication {
        rich: findings(minAtStakeRials: $min, fromYear: 1402, toYear: 1402) { id }
        lead: findings(option: [LEAD_AGENCY]) { id option }
        unjudged: findings(verdict: [UNJUDGED]) { id } } } }"""
    report = demo.ok(q, min=str(35 * B))["analyses"]["duplication"]
    assert GREEN in {f["id"] for f in report["rich"]}
    assert "dup:du-police-cameras:du-traffic-cameras" not in {f["id"] for f in report["rich"]}  # 29 bn in 1402
    assert all(f["option"] == "LEAD_AGENCY" for f in report["lead"]) and GREEN in {f["id"] for f in report["lead"]}
    demo.ok('mutation($f: ID!) { setFindingVerdict(findingId: $f, verdict: CONFIRMED, note: "هر دو بودجه گرفته‌اند") { verdict } }', f=GREEN)
    after = demo.ok(q, min=str(35 * B))["analyses"]["duplication"]
    assert GREEN not in {f["id"] for f in after["unjudged"]}
    judged = demo.ok("""{ analyses { duplication { findings(verdict: [CONFIRMED]) { id verdict verdictBy verdictAt verdictNote } } } }""")
    confirmed = judged["analyses"]["duplication"]["findings"]
    assert [f["id"] for f in confirmed] == [GREEN] and confirmed[0]["verdictNote"] == "هر دو بودجه گرفته‌اند"
    assert confirmed[0]["verdictBy"] and confirmed[0]["verdictAt"]


def test_duplicated_spend_by_area_and_year(demo: GraphQL) -> None:
    rows = demo.ok("{ analyses { duplication { spend(fromYear: 1402, toYear: 1402) { group nameFa year duplicationRials overlapRials findings } } } }")
    spend = {(r["group"], r["year"]): r for r in rows["analyses"]["duplication"]["spend"]}
    assert int(spend[("05.4", 1402)]["duplicationRials"]) == 38 * B
    assert all(r["year"] == 1402 for r in spend.values())
    csv_text = demo.get("/analyses/spend.csv").text
    assert "duplication_rials" in csv_text and "05.4" in csv_text
    book = load_workbook(io.BytesIO(demo.get("/analyses/spend.xlsx").content))
    assert "spend" in book.sheetnames


def test_budgets_are_entered_checked_and_exported(demo: GraphQL) -> None:
    created = demo.ok("""mutation { createDuty(input: {agencyId: "ag-d3", titleFa: "نگهداری فضای سبز منطقه ۳",
        functionCode: "05.4", geography: ["D3"], budgetYears: [1403, 1402], budgetRials: ["5000000000", "4000000000"]})
        { id budgets { year rials } } }""")["createDuty"]
    assert [(b["year"], int(b["rials"])) for b in created["budgets"]] == [(1402, 4 * B), (1403, 5 * B)]
    bad = demo("""mutation { createDuty(input: {agencyId: "ag-d3", titleFa: "x", functionCode: "05.4",
        budgetYears: [1402, 1403], budgetRials: ["1"]}) { id } }""")
    assert bad["errors"][0]["extensions"]["code"] == "VALIDATION"
    twice = demo("""mutation { createDuty(input: {agencyId: "ag-d3", titleFa: "x", functionCode: "05.4",
        budgetYears: [1402, 1402], budgetRials: ["1", "2"]}) { id } }""")
    assert twice["errors"][0]["extensions"]["code"] == "VALIDATION"
    book = load_workbook(io.BytesIO(demo.get("/registry/export.xlsx").content))
    sheet = book["duties"]
    header = [c.value for c in sheet[1]]
    rows = {r[header.index("id")]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["du-parks-green"][header.index("budgetYears")] == "1401; 1402; 1403"


def test_the_agency_matrix_weighted_by_rials(demo: GraphQL) -> None:
    q = "{ analyses { duplication { matrixRials(fromYear: 1402, toYear: 1402) { name cells { row col value evidence } } } } }"
    matrix = demo.ok(q)["analyses"]["duplication"]["matrixRials"]
    cells = {(c["row"], c["col"]): c for c in matrix["cells"]}
    assert cells[("ag-d9", "ag-parks")]["value"] == 38 * B == cells[("ag-parks", "ag-d9")]["value"]
    assert cells[("ag-d9", "ag-parks")]["evidence"][0]["findingId"] == GREEN
    assert all(c["value"] > 0 for c in matrix["cells"])  # only money at stake makes a cell
