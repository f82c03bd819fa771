"""The demo's 1404–1405 coordination plan: made of the demo's own findings (every key is one the
analyses give today, with the owners they name), part way up its approval chain, some actions late
against 1405/09/09 and some done with money realised."""

from __future__ import annotations

from service.demo.plans import demo_plans
from tests.conftest import GraphQL
from tests.plans.helpers import PLAN

SOURCES = """{ analyses {
  duplication { findings(classification: [DUPLICATION, OVERLAP], first: 5000) { id agencyAId agencyBId } }
  winWin { opportunities(first: 5000) { id agencyIds } }
  issueClusters { data } } }"""


def test_the_demo_plan_is_built_from_the_demos_own_findings(demo: GraphQL) -> None:
    found = demo.ok(SOURCES)["analyses"]
    owners = {f["id"]: sorted({f["agencyAId"], f["agencyBId"]}) for f in found["duplication"]["findings"]}
    owners |= {o["id"]: sorted(set(o["agencyIds"])) for o in found["winWin"]["opportunities"]}
    owners |= {c["id"]: sorted(set(c["agencies_affected"])) for c in found["issueClusters"]["data"]["issues"]}
    requests = demo.ok("{ requests(first: 100) { edges { node { id senderId receiverId } } } }")["requests"]["edges"]
    owners |= {r["node"]["id"]: sorted({r["node"]["senderId"], r["node"]["receiverId"]}) for r in requests}
    (spec,) = demo_plans()
    kinds = {a["sourceKind"] for a in spec["actions"]}
    assert kinds == {"duplication_finding", "winwin_opportunity", "issue_cluster", "request"}
    for action in spec["actions"]:
        assert action["sourceRef"] in owners, f"{action['sourceRef']} is not a current finding of the demo"
        assert sorted(action["ownerIds"]) == owners[action["sourceRef"]], action["sourceRef"]


def test_the_demo_plan_is_part_approved_with_late_and_done_actions(demo: GraphQL) -> None:
    plan = demo.ok(PLAN, id="pl-mashhad-1404-1405")["plan"]
    assert plan["status"] == "PROPOSED" and (plan["fromYear"], plan["toYear"]) == (1404, 1405)
    assert [s["done"] for s in plan["approvalChain"]] == [True, True, False] and plan["approvalChain"][2]["next"]
    progress = plan["progress"]
    assert progress["late"] >= 2 and progress["done"] >= 2 and 0 < progress["realisedRials"] < progress["expectedRials"]
    assert {s["status"] for s in progress["byStatus"] if s["count"]} >= {"PROPOSED", "AGREED", "IN_PROGRESS", "DONE"}
    assert len(plan["matrix"]) >= 4
    late = demo.ok("{ plans { id } }")["plans"]
    assert [p["id"] for p in late] == ["pl-mashhad-1404-1405"]
