"""Item 3: service and infrastructure exchanges carry an estimated value and how it was estimated;
totals count it and say which part is estimated. Exchanges and requests link to their agreement."""

from __future__ import annotations

from tests.agreements.conftest import Parties

CREATE_EX = """mutation($input: ExchangeInput!) { createExchange(input: $input) {
  id value valueEstimated estimatedValue valuationMethod agreementId agreement { id } } }"""
TOTALS = "{ stats { exchangeTotals { kind jalaliYear count amount estimated value } } }"


def test_estimated_values_are_counted_and_marked(parties: Parties) -> None:
    p = parties
    made = p.directorate.ok(CREATE_EX, input={"kind": "SERVICE", "providerId": "ag-water", "receiverId": "ag-parks",
                                              "titleFa": "لایروبی کانال", "date": "1403/06/01", "estimatedValueRials": "۴۰۰۰۰۰",
                                              "valuationMethod": "MARKET_PRICE"})["createExchange"]  # fmt: skip
    assert (made["value"], made["valueEstimated"], made["estimatedValue"], made["valuationMethod"]) == (400000, True, 400000, "MARKET_PRICE")
    totals = {(t["kind"], t["jalaliYear"]): t for t in p.directorate.ok(TOTALS)["stats"]["exchangeTotals"]}
    assert totals[("SERVICE", 1403)] == {"kind": "SERVICE", "jalaliYear": 1403, "count": 1, "amount": 0, "estimated": 400000, "value": 400000}
    money = totals[("FINANCIAL", 1403)]
    assert (money["amount"], money["estimated"], money["value"]) == (2_000_000_000, 0, 2_000_000_000)
    # the stranger's totals hold nothing of an exchange between two others
    assert ("SERVICE", 1403) not in {(t["kind"], t["jalaliYear"]) for t in p.stranger.ok(TOTALS)["stats"]["exchangeTotals"]}
    unsaid = p.directorate.errors(CREATE_EX, input={"kind": "SERVICE", "providerId": "ag-water", "receiverId": "ag-parks",
                                                    "titleFa": "x", "date": "1403/06/01", "estimatedValueRials": 5})  # fmt: skip
    assert unsaid[0]["extensions"]["code"] == "VALIDATION" and "valuationMethod" in unsaid[0]["extensions"]["messageEn"]
    money_estimate = p.directorate.errors(CREATE_EX, input={"kind": "FINANCIAL", "providerId": "ag-water", "receiverId": "ag-parks",
                                                            "titleFa": "x", "date": "1403/06/01", "amountRials": 5,
                                                            "estimatedValueRials": 5, "valuationMethod": "COST"})  # fmt: skip
    assert "estimatedValueRials" in money_estimate[0]["extensions"]["messageEn"]


def test_exchanges_and_requests_link_to_their_agreement(parties: Parties) -> None:
    p = parties
    ident = p.active()["id"]
    linked = p.directorate.ok(CREATE_EX, input={"kind": "INFRASTRUCTURE", "providerId": "ag-water", "receiverId": "ag-parks",
                                                "titleFa": "خط انتقال پساب", "date": "1405/02/01", "agreementId": ident})["createExchange"]  # fmt: skip
    assert linked["agreementId"] == ident and linked["agreement"] == {"id": ident}
    file = """mutation($s: String!, $id: String) { fileRequest(input: {senderId: $s, receiverId: "ag-parks",
        subject: "زمان تحویل سفارش دوم", agreementId: $id}) { id agreementId agreement { id status } } }"""
    filed = p.provider.ok(file, s="ag-water", id=ident)["fileRequest"]
    assert filed["agreementId"] == ident and filed["agreement"] == {"id": ident, "status": "ACTIVE"}
    seen = p.receiver.ok("query($id: ID!) { agreement(id: $id) { exchanges { id } requests { id } } }", id=ident)["agreement"]
    assert seen == {"exchanges": [{"id": linked["id"]}], "requests": [{"id": filed["id"]}]}
    # the city is no party: to it the agreement does not exist, exactly as a missing one
    stranger, missing = p.stranger.errors(file, s="ag-city", id=ident), p.stranger.errors(file, s="ag-city", id="agr-none")
    assert stranger[0]["extensions"]["code"] == missing[0]["extensions"]["code"] == "NOT_FOUND"
    assert stranger[0]["extensions"]["field"] == "agreementId"
    assert stranger[0]["extensions"]["messageEn"].replace(ident, "X") == missing[0]["extensions"]["messageEn"].replace("agr-none", "X")
    outside = p.directorate.errors(CREATE_EX, input={"kind": "SERVICE", "providerId": "ag-city", "receiverId": "ag-parks",
                                                     "titleFa": "x", "date": "1405/02/01", "agreementId": ident})  # fmt: skip
    assert outside[0]["extensions"]["code"] == "INVALID_REFERENCE"
    later = p.directorate.ok("""mutation($a: String) { updateExchange(id: "ex-2", input: {agreementId: $a,
        estimatedValueRials: 250000000, valuationMethod: COST}) { agreementId value valueEstimated } }""", a=ident)
    assert later["updateExchange"] == {"agreementId": ident, "value": 250000000, "valueEstimated": True}


def test_aggregates_and_filters_see_estimates(parties: Parties) -> None:
    p = parties
    for value, method in ((400_000, "MARKET_PRICE"), (600_000, "COST")):
        p.directorate.ok(CREATE_EX, input={"kind": "SERVICE", "providerId": "ag-water", "receiverId": "ag-parks", "titleFa": "خدمت",
                                           "date": "1404/02/01", "estimatedValueRials": value, "valuationMethod": method})  # fmt: skip
    data = p.directorate.ok("""{ exchangesAggregate(where: {kind: SERVICE}, groupBy: [JALALI_YEAR]) {
        groups { keys { value } numbers { field count sum } } }
      exchanges(where: {estimatedValueRials_GT: 500000, valuationMethod: COST}) { totalCount } }""")
    (group,) = data["exchangesAggregate"]["groups"]
    sums = {n["field"]: (n["count"], n["sum"]) for n in group["numbers"]}
    assert group["keys"][0]["value"] == "1404" and sums["estimatedValueRials"] == (2, 1_000_000)
    assert data["exchanges"]["totalCount"] == 1
