"""The agreement statements in the storage contract (imported by tests/storage/test_contract.py, so
they run on each backend it runs on): a lifecycle through every statement, and eight answers to one
step sent at once with one winner."""

from __future__ import annotations

import asyncio

from service.domain.actor import Actor, Role
from service.domain.agreement import AgreementIn, StepIn
from service.domain.enums import AgreementStatus as A, StepKind, StepStatus as S
from service.errors import ServiceError
from service.registry import agreement_steps as steps, agreements as a
from service.registry.agreement_totals import agreement_totals
from service.registry.bundle import import_bundle
from service.registry.repository import Repository
from service.registry.specs import AGREEMENT
from service.storage.port import GraphStore
from tests.factories import small_bundle

BOSS = Actor(name="contract", role=Role.DIRECTORATE)


async def test_agreement_statements(store: GraphStore) -> None:
    await import_bundle(store, small_bundle())
    repo = Repository(store, BOSS)
    draft = AgreementIn(titleFa="تحویل پساب", kind="service", providerIds=["ag-water"], receiverIds=["ag-parks"], valueRials=90)
    row = await a.create_agreement(repo, draft, BOSS)
    ident = row["id"]
    row = await a.update_agreement(repo, ident, {"valueRials": 100}, BOSS, 1)
    await a.sign_agreement(repo, ident, BOSS, "2026-11-01", "ag-water")
    assert (await store.read("agreement/steps_awaiting", {"today": "2026-11-30"}))[0]["step"] == "signature_awaited"
    await a.sign_agreement(repo, ident, BOSS, "2026-11-02", "ag-parks")
    await a.move_agreement(repo, ident, A.ACTIVE, BOSS, "2026-11-03")
    _, order = await steps.add_step(repo, ident, StepIn(kind=StepKind.ORDER, on="2026-11-04"), BOSS, "2026-11-30", "ag-parks")
    awaiting = await store.read("agreement/steps_awaiting", {"today": "2026-11-30"})
    assert [(r["step"], r["awaitingAgencyId"], r["since"]) for r in awaiting] == [("order_placed", "ag-water", "2026-11-04")]

    async def answer(n: int) -> str:
        try:
            await steps.answer_step(repo, ident, order["id"], S.ACCEPTED, BOSS, "2026-11-05", None, "ag-water", 6)
        except ServiceError as exc:
            return exc.code
        return "won"

    outcomes = await asyncio.gather(*(answer(n) for n in range(8)))
    # one wins; the others meet the new version (or, read late, the step already answered)
    assert outcomes.count("won") == 1 and set(outcomes) - {"won"} <= {"VERSION_CONFLICT", "ILLEGAL_TRANSITION"}, outcomes
    assert (await repo.get(AGREEMENT, ident))["version"] == 7
    listed = await repo.page(AGREEMENT, filters={"partyId": "ag-water"}, sort="value")
    assert [r["id"] for r in listed] == [ident] and await repo.count(AGREEMENT, filters={"kind": "service"}) == 1
    assert [(r["status"], r["count"]) for r in await repo.status_counts("agreement")] == [("active", 1)]
    assert [(t["kind"], t["jalaliYear"], t["count"]) for t in await agreement_totals(repo)] == [("service", 1405, 1)]
    assert [h["action"] for h in (await a.history(repo, [ident]))[ident]] == ["sign", "sign", "active"]
    assert await store.read("exchange/of_agreement", {"ids": [ident], "includeArchived": False}) == []
    of_agency = await store.read("agreement/of_agency", {"ids": ["ag-water", "ag-city"], "includeArchived": False})
    assert [(r["key"], r["node"]["id"]) for r in of_agency] == [("ag-water", ident)]
    assert await store.read("request/of_agreement", {"ids": [ident], "includeArchived": False}) == []
