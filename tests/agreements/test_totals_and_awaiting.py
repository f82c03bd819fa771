"""Seed 004's question (contracts by kind and Jalali year) answered from stored agreements, and the
statement the notifier reads: which steps await which agency's answer."""

from __future__ import annotations

import asyncio
from typing import Any

from service.domain.actor import Actor, Role
from service.domain.agreement import AgreementIn
from service.registry import agreements as a
from service.registry.repository import Repository
from service.storage.falkor import FalkorStore
from tests.agreements.conftest import ANSWER, SIGN, Parties, add
from tests.conftest import run_on_store

DIRECTORATE = Actor(name="test", role=Role.DIRECTORATE)
TOTALS = "{ stats { agreementTotals { kind jalaliYear count value } } }"


def _conclude(settings: Any, batches: list[tuple[str, str, int]]) -> None:
    """``count`` agreements of ``kind`` signed by both parties on ``day`` (through the use cases)."""

    async def work(store: FalkorStore) -> None:
        repo = Repository(store, DIRECTORATE)

        async def one(kind: str, day: str, n: int) -> None:
            data = AgreementIn(titleFa=f"قرارداد آزمون {n}", kind=kind, valueRials=1_000_000 * (n + 1),
                               providerIds=["ag-water"], receiverIds=["ag-parks"])  # fmt: skip
            row = await a.create_agreement(repo, data, DIRECTORATE)
            await a.sign_agreement(repo, row["id"], DIRECTORATE, day, "ag-water")
            await a.sign_agreement(repo, row["id"], DIRECTORATE, day, "ag-parks")

        for kind, day, count in batches:
            await asyncio.gather(*(one(kind, day, n) for n in range(count)))

    run_on_store(settings, work)


def test_contracts_by_kind_and_jalali_year_as_seed_004_counts_them(parties: Parties) -> None:
    p = parties
    assert p.directorate.settings is not None
    _conclude(p.directorate.settings, [("innovative_contract", "2025-06-01", 17), ("innovative_contract", "2024-06-01", 5),
                                       ("knowledge_based_contract", "2025-12-01", 22), ("knowledge_based_contract", "2024-09-01", 66)])  # fmt: skip
    p.draft(kind="INNOVATIVE_CONTRACT")  # a draft nobody signed is no contract yet
    totals = {(t["kind"], t["jalaliYear"]): (t["count"], t["value"]) for t in p.directorate.ok(TOTALS)["stats"]["agreementTotals"]}
    assert {k: c for k, (c, _) in totals.items()} == {("INNOVATIVE_CONTRACT", 1404): 17, ("INNOVATIVE_CONTRACT", 1403): 5,
                                                      ("KNOWLEDGE_BASED_CONTRACT", 1404): 22, ("KNOWLEDGE_BASED_CONTRACT", 1403): 66}  # fmt: skip
    assert totals[("INNOVATIVE_CONTRACT", 1403)][1] == sum(1_000_000 * (n + 1) for n in range(5))
    listed = p.directorate.ok("""{ agreements(filter: {kind: INNOVATIVE_CONTRACT, jalaliYear: 1404}) { totalCount } }""")
    assert listed["agreements"]["totalCount"] == 17
    assert p.stranger.ok(TOTALS)["stats"]["agreementTotals"] == []  # none of them is the city's


def test_steps_awaiting_name_the_agency_that_must_answer(parties: Parties) -> None:
    p = parties
    ident = p.active()["id"]
    order = p.receiver.ok(add("placeOrder"), id=ident, input={"on": "1405/09/01"})["placeOrder"]["step"]
    delivery = p.provider.ok(add("reportDelivery"), id=ident, input={"on": "1405/09/05", "valueRials": 10})["reportDelivery"]["step"]
    future = p.receiver.ok(add("placeOrder"), id=ident, input={"on": "1405/10/01"})["placeOrder"]["step"]
    draft = p.draft()
    p.provider.ok(SIGN, id=draft["id"], on="1405/09/02")
    assert p.directorate.settings is not None

    async def work(store: FalkorStore) -> list[dict[str, Any]]:
        return await store.read("agreement/steps_awaiting", {"today": "2026-11-30"})

    rows = sorted(run_on_store(p.directorate.settings, work), key=lambda r: r["since"])
    assert [(r["step"], r["stepId"], r["awaitingAgencyId"], r["since"]) for r in rows] == [
        ("order_placed", order["id"], "ag-water", "2026-11-22"),
        ("signature_awaited", draft["id"], "ag-parks", "2026-11-23"),
        ("performance_reported", delivery["id"], "ag-parks", "2026-11-26"),
    ]  # the order placed for 1405/10/01 is not awaited yet
    assert future["id"] not in {r["stepId"] for r in rows} and rows[0]["agreementId"] == ident and rows[0]["titleFa"]
    p.provider.ok(ANSWER, id=ident, step=order["id"], answer="ACCEPTED")
    assert order["id"] not in {r["stepId"] for r in run_on_store(p.directorate.settings, work)}
