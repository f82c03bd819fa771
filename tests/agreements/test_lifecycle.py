"""An agreement from draft to settled over real GraphQL, each step taken by its own side with an
agency token: agreement → order → performance → settlement, audited and versioned."""

from __future__ import annotations

from tests.agreements.conftest import ANSWER, MOVE, SIGN, Parties, add


def test_from_draft_to_settled_each_step_by_its_side(parties: Parties) -> None:
    p = parties
    draft = p.draft()
    assert (draft["status"], draft["version"], draft["signedIds"]) == ("DRAFT", 1, [])
    half = p.provider.ok(SIGN, id=draft["id"], on="1405/01/05")["signAgreement"]
    assert (half["status"], half["signedIds"]) == ("DRAFT", ["ag-water"])
    signed = p.receiver.ok(SIGN, id=draft["id"], on="۱۴۰۵/۰۱/۱۰")["signAgreement"]
    assert (signed["status"], signed["signedOnJalali"], signed["jalaliYear"]) == ("SIGNED", "1405/01/10", 1405)
    active = p.provider.ok(MOVE, id=draft["id"], to="ACTIVE")["moveAgreement"]
    assert active["status"] == "ACTIVE"

    order = p.receiver.ok(add("placeOrder"), id=draft["id"], input={"titleFa": "سفارش فصل بهار", "valueRials": 3_000_000_000,
                                                                    "dueDate": "1405/03/31", "on": "1405/01/15"})["placeOrder"]  # fmt: skip
    assert (order["step"]["status"], order["step"]["answerIds"], order["step"]["awaiting"]) == ("PLACED", ["ag-water"], True)
    accepted = p.provider.ok(ANSWER, id=draft["id"], step=order["step"]["id"], answer="ACCEPTED")["answerAgreementStep"]
    assert (accepted["step"]["status"], accepted["step"]["version"]) == ("ACCEPTED", 2)

    delivery = p.provider.ok(add("reportDelivery"), id=draft["id"], input={"valueRials": 3_000_000_000, "refId": order["step"]["id"],
                                                                           "titleFa": "تحویل پساب بهار"})["reportDelivery"]  # fmt: skip
    assert delivery["step"]["answerIds"] == ["ag-parks"] and delivery["step"]["refId"] == order["step"]["id"]
    p.receiver.ok(ANSWER, id=draft["id"], step=delivery["step"]["id"], answer="ACCEPTED")
    payment = p.receiver.ok(add("recordPayment"), id=draft["id"], input={"valueRials": 3_000_000_000,
                                                                         "refId": delivery["step"]["id"]})["recordPayment"]  # fmt: skip
    assert payment["step"]["answerIds"] == ["ag-water"]  # a service agreement: the receiver pays, the provider is paid
    completed = p.receiver.ok(MOVE, id=draft["id"], to="COMPLETED")["moveAgreement"]
    assert completed["status"] == "COMPLETED"
    p.provider.ok(ANSWER, id=draft["id"], step=payment["step"]["id"], answer="CONFIRMED")
    settled = p.provider.ok(MOVE, id=draft["id"], to="SETTLED")["moveAgreement"]
    assert settled["status"] == "SETTLED"
    assert settled["version"] == 12  # create, 2 signatures, 3 moves, 3 steps, 3 answers: one version each

    detail = p.receiver.ok("""query($id: ID!) { agreement(id: $id) { status deliveredRials paidRials late
        history { action fromStatus toStatus byAgencyId forAgencyId onJalali }
        steps { kind status byAgencyId answeredByAgencyId } providers { id } receivers { id } nextStatuses } }""", id=draft["id"])["agreement"]
    assert detail["deliveredRials"] == 3_000_000_000 and detail["paidRials"] == 3_000_000_000 and not detail["late"]
    assert [h["action"] for h in detail["history"]] == ["sign", "sign", "active", "completed", "settled"]
    assert [(h["fromStatus"], h["toStatus"]) for h in detail["history"]][1] == ("DRAFT", "SIGNED")
    assert [(s["kind"], s["status"], s["byAgencyId"], s["answeredByAgencyId"]) for s in detail["steps"]] == [
        ("ORDER", "ACCEPTED", "ag-parks", "ag-water"), ("PERFORMANCE", "ACCEPTED", "ag-water", "ag-parks"),
        ("SETTLEMENT", "CONFIRMED", "ag-parks", "ag-water")]  # fmt: skip
    assert detail["nextStatuses"] == [] and [a["id"] for a in detail["providers"]] == ["ag-water"]

    audit = p.directorate.ok("""query($id: ID!) { auditEvents(entityId: $id, first: 50) { nodes { action agencyId } } }""",
                             id=draft["id"])["auditEvents"]["nodes"]  # fmt: skip
    actions = sorted(a["action"] for a in audit)
    assert actions == sorted(["create", "sign", "sign", "active", "order_placed", "order_accepted", "performance_reported",
                              "performance_accepted", "settlement_recorded", "completed", "settlement_confirmed", "settled"])  # fmt: skip


def test_the_directorate_acts_for_a_named_party_and_financial_agreements_pay_the_other_way(parties: Parties) -> None:
    p = parties
    create = """mutation($input: AgreementInput!) { createAgreement(input: $input) { id } }"""
    ident = p.directorate.ok(create, input={"titleFa": "کمک مالی نگهداری فضای سبز", "kind": "FINANCIAL", "valueRials": 10**9,
                                            "providerIds": ["ag-city"], "receiverIds": ["ag-parks"]})["createAgreement"]["id"]  # fmt: skip
    errors = p.directorate.errors(SIGN, id=ident)
    assert errors[0]["extensions"]["field"] == "forAgencyId"  # the directorate says whom it signs for
    p.directorate.ok(SIGN, id=ident, **{"for": "ag-city"})
    signed = p.directorate.ok(SIGN, id=ident, **{"for": "ag-parks"})["signAgreement"]
    assert signed["status"] == "SIGNED"
    p.directorate.ok(MOVE, id=ident, to="ACTIVE")
    paid = p.directorate.ok(add("recordPayment"), id=ident, input={"valueRials": 10**9}, **{"for": "ag-city"})["recordPayment"]
    assert paid["step"]["byAgencyId"] == "ag-city" and paid["step"]["answerIds"] == ["ag-parks"]  # the provider pays
    wrong = p.directorate.errors(add("recordPayment"), id=ident, input={"valueRials": 1}, **{"for": "ag-parks"})
    assert wrong[0]["extensions"]["code"] == "VALIDATION" and wrong[0]["extensions"]["field"] == "forAgencyId"
    history = p.directorate.ok("query($id: ID!) { agreement(id: $id) { history { forAgencyId byAgencyId by } } }", id=ident)
    assert [h["forAgencyId"] for h in history["agreement"]["history"]][:2] == ["ag-city", "ag-parks"]
