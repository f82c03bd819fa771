"""Every refusal of the agreement steps: the wrong side, the wrong order of steps, a reader who is
no party (answered exactly as a missing agreement), a stale version, a missing reason."""

from __future__ import annotations

from typing import Any

from tests.agreements.conftest import ANSWER, CREATE, MOVE, SIGN, Parties, add

UPDATE = """mutation($id: ID!, $input: AgreementPatch!, $v: Int) { updateAgreement(id: $id, input: $input, expectedVersion: $v) { id version } }"""


def code(errors: list[dict[str, Any]]) -> str:
    return str(errors[0]["extensions"]["code"])


def test_each_step_only_by_its_side(parties: Parties) -> None:
    p = parties
    ident = p.active()["id"]
    refused = p.provider.errors(add("placeOrder"), id=ident, input={"titleFa": "سفارش"})
    assert code(refused) == "FORBIDDEN" and "گیرنده" in refused[0]["extensions"]["messageFa"]
    order = p.receiver.ok(add("placeOrder"), id=ident, input={"titleFa": "سفارش"})["placeOrder"]["step"]
    assert code(p.receiver.errors(ANSWER, id=ident, step=order["id"], answer="ACCEPTED")) == "FORBIDDEN"
    assert code(p.receiver.errors(add("reportDelivery"), id=ident, input={})) == "FORBIDDEN"
    assert code(p.provider.errors(add("recordPayment"), id=ident, input={"valueRials": 5})) == "FORBIDDEN"  # the receiver pays
    assert code(p.provider.errors(MOVE, id=ident, to="COMPLETED")) == "FORBIDDEN"  # the receiver says it is complete
    assert code(p.analyst.errors(add("placeOrder"), id=ident, input={})) == "FORBIDDEN"
    assert code(p.analyst.errors(CREATE, input={"titleFa": "x", "kind": "SERVICE", "providerIds": ["ag-water"],
                                                "receiverIds": ["ag-parks"]})) == "FORBIDDEN"  # fmt: skip


def test_steps_in_the_wrong_order_are_illegal(parties: Parties) -> None:
    p = parties
    draft = p.draft()
    assert code(p.receiver.errors(add("placeOrder"), id=draft["id"], input={})) == "ILLEGAL_TRANSITION"  # not active yet
    assert code(p.receiver.errors(MOVE, id=draft["id"], to="ACTIVE")) == "ILLEGAL_TRANSITION"  # not signed yet
    p.provider.ok(SIGN, id=draft["id"])
    assert code(p.provider.errors(SIGN, id=draft["id"])) == "ILLEGAL_TRANSITION"  # signs once
    ident = p.active()["id"]
    assert code(p.receiver.errors(MOVE, id=ident, to="COMPLETED")) == "ILLEGAL_TRANSITION"  # nothing delivered
    assert code(p.provider.errors(MOVE, id=ident, to="SETTLED")) == "ILLEGAL_TRANSITION"  # not completed
    order = p.receiver.ok(add("placeOrder"), id=ident, input={})["placeOrder"]["step"]
    # a delivery may only refer to an accepted order
    assert code(p.provider.errors(add("reportDelivery"), id=ident, input={"refId": order["id"]})) == "INVALID_REFERENCE"
    delivery = p.provider.ok(add("reportDelivery"), id=ident, input={"valueRials": 7})["reportDelivery"]["step"]
    assert code(p.receiver.errors(ANSWER, id=ident, step=delivery["id"], answer="CONFIRMED")) == "ILLEGAL_TRANSITION"
    p.receiver.ok(ANSWER, id=ident, step=delivery["id"], answer="ACCEPTED")
    assert code(p.receiver.errors(ANSWER, id=ident, step=delivery["id"], answer="DISPUTED", reason="x")) == "ILLEGAL_TRANSITION"
    waiting = p.receiver.errors(MOVE, id=ident, to="COMPLETED")  # the order still awaits the provider
    assert code(waiting) == "ILLEGAL_TRANSITION" and waiting[0]["extensions"]["details"]["waiting"] == [order["id"]]
    p.provider.ok(ANSWER, id=ident, step=order["id"], answer="DECLINED", reason="ظرفیت تصفیه‌خانه پر است")
    p.receiver.ok(MOVE, id=ident, to="COMPLETED")
    assert code(p.receiver.errors(add("placeOrder"), id=ident, input={})) == "ILLEGAL_TRANSITION"  # completed: no more orders
    assert code(p.provider.errors(MOVE, id=ident, to="SETTLED")) == "ILLEGAL_TRANSITION"  # no payment confirmed


def test_reasons_terms_and_versions(parties: Parties) -> None:
    p = parties
    ident = p.active()["id"]
    delivery = p.provider.ok(add("reportDelivery"), id=ident, input={})["reportDelivery"]["step"]
    missing = p.receiver.errors(ANSWER, id=ident, step=delivery["id"], answer="DISPUTED")
    assert code(missing) == "VALIDATION" and missing[0]["extensions"]["field"] == "reason"
    disputed = p.receiver.ok(ANSWER, id=ident, step=delivery["id"], answer="DISPUTED", reason="کیفیت پساب پایین بود")
    assert disputed["answerAgreementStep"]["step"]["reason"] == "کیفیت پساب پایین بود"
    assert code(p.receiver.errors(MOVE, id=ident, to="TERMINATED")) == "VALIDATION"  # termination needs a reason
    stale = p.receiver.errors(add("placeOrder"), id=ident, input={}, v=1)
    assert code(stale) == "VERSION_CONFLICT"
    assert code(p.receiver.errors(add("recordPayment"), id=ident, input={})) == "VALIDATION"  # a payment needs its amount
    # a draft's terms change until the first signature, not after
    draft = p.draft()
    changed = p.receiver.ok(UPDATE, id=draft["id"], input={"valueRials": "۱۲۰۰۰"}, v=1)["updateAgreement"]
    assert changed["version"] == 2
    assert code(p.receiver.errors(UPDATE, id=draft["id"], input={"termsFa": "x"}, v=1)) == "VERSION_CONFLICT"
    p.provider.ok(SIGN, id=draft["id"])
    assert code(p.receiver.errors(UPDATE, id=draft["id"], input={"termsFa": "x"})) == "ILLEGAL_TRANSITION"
    terminated = p.provider.ok(MOVE, id=draft["id"], to="TERMINATED", comment="منصرف شدیم")["moveAgreement"]
    assert terminated["status"] == "TERMINATED"


def test_bad_drafts_are_refused(parties: Parties) -> None:
    p = parties
    base = {"titleFa": "قرارداد", "kind": "SERVICE", "providerIds": ["ag-water"], "receiverIds": ["ag-parks"]}
    assert code(p.stranger.errors(CREATE, input=base)) == "FORBIDDEN"  # an agency records only its own agreements
    both = p.provider.errors(CREATE, input={**base, "receiverIds": ["ag-water"]})
    assert code(both) == "VALIDATION" and both[0]["extensions"]["field"] == "receiverIds"
    assert code(p.provider.errors(CREATE, input={**base, "periodFrom": "1405/02/01", "periodTo": "1405/01/01"})) == "VALIDATION"
    nobody = p.provider.errors(CREATE, input={**base, "receiverIds": ["ag-nowhere"]})
    assert code(nobody) == "NOT_FOUND" and nobody[0]["extensions"]["field"] == "receiverIds"
    assert code(p.provider.errors(CREATE, input={**base, "actionId": "pa-1", "opportunityKey": "o-1"})) == "VALIDATION"


def test_a_reader_who_is_no_party_learns_nothing(parties: Parties) -> None:
    p = parties
    ident = p.active()["id"]
    lookup = "query($id: ID!) { agreement(id: $id) { id } node(id: $id) { id } }"
    assert p.stranger.ok(lookup, id=ident) == {"agreement": None, "node": None}
    assert p.receiver.ok(lookup, id=ident)["agreement"] == {"id": ident}
    listed = "{ agreements { totalCount nodes { id } } stats { agreementsByStatus { status count } } }"
    assert p.stranger.ok(listed)["agreements"] == {"totalCount": 0, "nodes": []}
    assert p.stranger.ok(listed)["stats"]["agreementsByStatus"] == []
    assert p.receiver.ok(listed)["agreements"]["totalCount"] == 1
    for document, extra in ((add("placeOrder"), {"input": {}}), (SIGN, {}), (MOVE, {"to": "TERMINATED", "comment": "x"}),
                            (ANSWER, {"step": "as-1", "answer": "ACCEPTED"})):  # fmt: skip
        theirs = p.stranger.errors(document, id=ident, **extra)
        missing = p.stranger.errors(document, id="agr-nothing", **extra)
        assert code(theirs) == code(missing) == "NOT_FOUND"
        assert theirs[0]["extensions"]["messageEn"].replace(ident, "X") == missing[0]["extensions"]["messageEn"].replace("agr-nothing", "X")


def test_the_action_an_agreement_implements_must_be_one_the_reader_may_read(parties: Parties) -> None:
    """An ``actionId`` names an existing plan action: a missing one, or one the agency does not own,
    is NOT_FOUND on that field (the same answer); the action's owner records it."""
    from tests.plans.helpers import ADD_ACTION, CREATE_PLAN

    p = parties
    plan = p.directorate.ok(CREATE_PLAN, i={"titleFa": "برنامه", "fromYear": 1405, "toYear": 1405})["createPlan"]
    action = p.directorate.ok(ADD_ACTION, i={"planId": plan["id"], "titleFa": "پساب برای آبیاری", "sourceKind": "REQUEST",
                                             "sourceRef": "rq-1", "ownerIds": ["ag-water", "ag-parks"]})["addPlanAction"]  # fmt: skip
    base = {"titleFa": "قرارداد", "kind": "SERVICE", "providerIds": ["ag-water"], "receiverIds": ["ag-parks"]}
    missing = p.provider.errors(CREATE, input={**base, "actionId": "pa-nowhere"})
    assert code(missing) == "NOT_FOUND" and missing[0]["extensions"]["field"] == "actionId"
    made = p.provider.ok(CREATE, input={**base, "actionId": action["id"]})["createAgreement"]
    assert made["id"].startswith("agr-")
    other = p.directorate.ok(ADD_ACTION, i={"planId": plan["id"], "titleFa": "دیگر", "sourceKind": "REQUEST",
                                            "sourceRef": "rq-2", "ownerIds": ["ag-city"]})["addPlanAction"]  # fmt: skip
    hidden = p.provider.errors(CREATE, input={**base, "actionId": other["id"]})
    assert code(hidden) == "NOT_FOUND" and hidden[0]["extensions"]["field"] == "actionId"


def test_a_renamed_draft_is_found_by_its_new_words(parties: Parties) -> None:
    """The full-text key follows an update of a draft's title (q alone is answered by the index)."""
    p = parties
    draft = p.draft()
    p.provider.ok("mutation($id: ID!, $i: AgreementPatch!) { updateAgreement(id: $id, input: $i) { id } }",
                  id=draft["id"], i={"titleFa": "قرارداد لایروبی کانال‌ها"})  # fmt: skip
    found = p.provider.ok('{ agreements(filter: {q: "لایروبی"}) { nodes { id } } }')["agreements"]["nodes"]
    assert [n["id"] for n in found] == [draft["id"]]
    missing = p.directorate.errors("mutation($id: ID!, $i: AgreementPatch!) { updateAgreement(id: $id, input: $i) { id } }",
                                   id=draft["id"], i={"actionId": "pa-nowhere"})  # fmt: skip
    assert code(missing) == "NOT_FOUND" and missing[0]["extensions"]["field"] == "actionId"
