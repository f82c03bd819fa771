"""Actions made from what the analyses found on the Mashhad demo, over real GraphQL: a duplication
finding's key, a win-win opportunity's, a merged issue's and a request's id; owners and money are the
finding's; a key the current analysis does not hold is NOT_FOUND in Persian and English."""

from __future__ import annotations

from tests.conftest import GraphQL
from tests.plans.helpers import code_of, new_plan

FROM = """mutation($p: ID!, $k: ActionSource!, $r: String!, $o: ActionOption, $d: String) {
  addPlanActionFrom(planId: $p, sourceKind: $k, sourceRef: $r, option: $o, dueDate: $d) {
    id titleFa sourceKind sourceRef option ownerIds dueDate expectedSavingRials expectedBenefitRials budgetRials status } }"""


def test_actions_drawn_from_a_finding_an_opportunity_a_merged_issue_and_a_request(demo: GraphQL) -> None:
    plan = new_plan(demo, fromYear=1402, toYear=1403)
    found = demo.ok("""{ analyses { duplication { findings(classification: [DUPLICATION, OVERLAP], first: 1, fromYear: 1403,
        toYear: 1403, minAtStakeRials: 1) { id agencyAId agencyBId option atStakeRials(fromYear: 1402, toYear: 1403)
        latest: atStakeRials(fromYear: 1403, toYear: 1403) } } } }""")
    f = found["analyses"]["duplication"]["findings"][0]
    action = demo.ok(FROM, p=plan["id"], k="DUPLICATION_FINDING", r=f["id"], d="۱۴۰۵/۱۰/۳۰")["addPlanActionFrom"]
    option = {"KEEP": "WARRANTED_KEEP"}.get(f["option"], f["option"])
    assert action["ownerIds"] == sorted({f["agencyAId"], f["agencyBId"]}) and action["option"] == option
    assert action["expectedSavingRials"] == f["atStakeRials"] > 0 and action["dueDate"] == "2027-01-20"
    assert action["status"] == "PROPOSED" and action["sourceRef"] == f["id"] and "«" in action["titleFa"]
    # a plan whose years carry no budgets (the demo's end in 1403): the latest funded year stands for each plan year
    later = new_plan(demo)
    projected = demo.ok(FROM, p=later["id"], k="DUPLICATION_FINDING", r=f["id"])["addPlanActionFrom"]
    assert projected["expectedSavingRials"] == 2 * f["latest"]
    kept = demo.ok(FROM, p=later["id"], k="DUPLICATION_FINDING", r=f["id"], o="WARRANTED_KEEP")["addPlanActionFrom"]
    assert kept["expectedSavingRials"] == 0 and kept["titleFa"].startswith("حفظ موازی‌کاری موجه")
    chosen = demo.ok(FROM, p=plan["id"], k="DUPLICATION_FINDING", r=f["id"], o="AGREEMENT")["addPlanActionFrom"]
    assert chosen["option"] == "AGREEMENT" and chosen["titleFa"].startswith("تفاهم‌نامه")

    opps = demo.ok("{ analyses { winWin { opportunities(first: 1) { id agencyIds netBenefitRials matches { costRials } } } } }")
    o = opps["analyses"]["winWin"]["opportunities"][0]
    ww = demo.ok(FROM, p=plan["id"], k="WINWIN_OPPORTUNITY", r=o["id"])["addPlanActionFrom"]
    assert ww["ownerIds"] == sorted(set(o["agencyIds"])) and ww["expectedBenefitRials"] == max(0, round(o["netBenefitRials"]))
    assert ww["budgetRials"] == round(sum(m["costRials"] for m in o["matches"])) and ww["option"] is None

    issues = demo.ok("{ analyses { issueClusters { data } } }")["analyses"]["issueClusters"]["data"]["issues"]
    top = issues[0]
    cluster = demo.ok(FROM, p=plan["id"], k="ISSUE_CLUSTER", r=top["id"])["addPlanActionFrom"]
    assert cluster["ownerIds"] == sorted(set(top["agencies_affected"])) and top["title"] in cluster["titleFa"]

    request = demo.ok("{ requests(first: 1) { edges { node { id subject senderId receiverId } } } }")["requests"]["edges"][0]["node"]
    follow = demo.ok(FROM, p=plan["id"], k="REQUEST", r=request["id"])["addPlanActionFrom"]
    assert follow["ownerIds"] == sorted({request["senderId"], request["receiverId"]}) and request["subject"] in follow["titleFa"]


def test_unknown_keys_and_wrong_options_are_refused_and_only_the_directorate_draws(demo: GraphQL) -> None:
    plan = new_plan(demo)
    for kind, ref in (("DUPLICATION_FINDING", "dup:du-x:du-y"), ("WINWIN_OPPORTUNITY", "ww-000000000000"),
                      ("ISSUE_CLUSTER", "mi-none"), ("REQUEST", "rq-none")):  # fmt: skip
        errors = demo.errors(FROM, p=plan["id"], k=kind, r=ref)
        assert code_of(errors) == "NOT_FOUND" and errors[0]["extensions"]["field"] == "sourceRef", (kind, errors)
        assert "در تحلیل کنونی" in errors[0]["extensions"]["messageFa"]
    wrong = demo.errors(FROM, p=plan["id"], k="REQUEST", r="rq-none", o="MERGE")
    assert code_of(wrong) == "VALIDATION" and wrong[0]["extensions"]["field"] == "option"
    agency_id = demo.ok("{ agencies(first: 1) { edges { node { id } } } }")["agencies"]["edges"][0]["node"]["id"]
    refused = demo.as_role("agency", agency_id).errors(FROM, p=plan["id"], k="REQUEST", r="rq-none")
    assert code_of(refused) == "FORBIDDEN"
