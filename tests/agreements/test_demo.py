"""The demo's agreements: every lifecycle stage is present, dates sit around today (1405/09/09) so
some are late and some await an answer, and the contract-linked exchanges belong to them."""

from __future__ import annotations

from typing import Any

from service.storage.falkor import FalkorStore
from tests.conftest import GraphQL, run_on_store

LIST = """{ agreements(first: 100) { totalCount nodes { id status kind late jalaliYear providerIds receiverIds
  exchanges { id providerId receiverId } steps { kind status awaiting } } } }"""


def test_demo_agreements_cover_every_stage(demo: GraphQL) -> None:
    nodes = demo.ok(LIST)["agreements"]["nodes"]
    statuses = {n["status"] for n in nodes}
    assert statuses == {"DRAFT", "SIGNED", "ACTIVE", "COMPLETED", "SETTLED", "TERMINATED"}
    late = {n["id"] for n in nodes if n["late"]}
    assert {"agr-demo-effluent-parks", "agr-demo-abfa-ducts", "agr-demo-innov-rahnegar"} <= late
    awaiting = [(n["id"], s["kind"]) for n in nodes for s in n["steps"] if s["awaiting"]]
    assert {k for _, k in awaiting} == {"ORDER", "PERFORMANCE", "SETTLEMENT"}
    exchanges = demo.ok("{ exchanges(first: 100) { nodes { id agreementId providerId receiverId contractRef } } }")["exchanges"]["nodes"]
    linked = [x for x in exchanges if x["agreementId"]]
    by_id = {n["id"]: n for n in nodes}
    assert len(linked) == 16
    for x in linked:  # every link resolves and lies between the agreement's parties
        agreement = by_id[x["agreementId"]]
        assert {x["providerId"], x["receiverId"]} <= set(agreement["providerIds"]) | set(agreement["receiverIds"])
        assert x["id"] in {e["id"] for e in agreement["exchanges"]}
    assert all(x["agreementId"] for x in exchanges if x["contractRef"])  # each paper contract became an agreement


def test_demo_values_totals_and_what_awaits_today(demo: GraphQL) -> None:
    stats = demo.ok("{ stats { exchangeTotals { kind estimated value amount } agreementTotals { kind jalaliYear count } } }")["stats"]
    for kind in ("SERVICE", "INFRASTRUCTURE"):
        rows = [t for t in stats["exchangeTotals"] if t["kind"] == kind]
        assert sum(t["estimated"] for t in rows) > 0 and sum(t["value"] for t in rows) == sum(t["amount"] + t["estimated"] for t in rows)
    totals = {(t["kind"], t["jalaliYear"]): t["count"] for t in stats["agreementTotals"]}
    assert totals[("INNOVATIVE_CONTRACT", 1404)] == 2 and totals[("INNOVATIVE_CONTRACT", 1403)] == 1
    assert totals[("KNOWLEDGE_BASED_CONTRACT", 1404)] == 1 and ("KNOWLEDGE_BASED_CONTRACT", 1405) not in totals  # a draft

    async def work(store: FalkorStore) -> list[dict[str, Any]]:
        return await store.read("agreement/steps_awaiting", {"today": "2026-11-30"})

    assert demo.settings is not None
    awaiting = {(r["agreementId"], r["step"], r["awaitingAgencyId"]) for r in run_on_store(demo.settings, work)}
    assert {("agr-demo-effluent-parks", "performance_reported", "ag-parks"),
            ("agr-demo-telecom-fibre", "settlement_recorded", "ag-telecom"),
            ("agr-demo-abfa-ducts", "order_placed", "ag-abfa"),
            ("agr-demo-sabz-waste", "signature_awaited", "ag-kbf-sabz")} <= awaiting  # fmt: skip
    # an agency sees only its own: the parks organisation is party to two demo agreements
    parks = demo.as_role("agency", "ag-parks").ok("{ agreements { nodes { id } } }")["agreements"]["nodes"]
    assert sorted(n["id"] for n in parks) == ["agr-demo-effluent-parks", "agr-demo-green-parks"]


def test_every_demo_agreement_is_a_valid_ocds_release(demo: GraphQL) -> None:
    from service.interop.ocds import release_errors

    package = demo.get("/interop/agreements.ocds").json()
    assert len(package["releases"]) == 16
    for release in package["releases"]:
        assert release_errors(release) == [], release["ocid"]
    tags = {r["ocid"].removeprefix("ocds-hamahang-"): r for r in package["releases"]}
    assert tags["agr-demo-sabz-waste"]["tag"] == ["tender"] and tags["agr-demo-sabz-waste"]["tender"]["status"] == "active"
    fire = tags["agr-demo-fire-d9"]  # signed, not yet active: a pending contract with no implementation
    assert fire["tag"] == ["tender", "award", "contract"] and fire["contracts"][0]["status"] == "pending"
    cut = tags["agr-demo-power-traffic"]
    assert cut["contracts"][0]["status"] == "terminated" and cut["contracts"][0]["implementation"]["milestones"][0]["status"] == "notMet"
    money = tags["agr-demo-green-parks"]  # financial: the deputy pays, the parks organisation is paid
    roles = {p["id"]: set(p["roles"]) for p in money["parties"]}
    assert roles == {"ag-dep-planning": {"funder", "payer"}, "ag-parks": {"buyer", "payee"}}
    paid = money["contracts"][0]["implementation"]["transactions"]
    assert [(t["payer"]["id"], t["payee"]["id"], t["value"]["amount"]) for t in paid] == [("ag-dep-planning", "ag-parks", 120_000_000_000)]
