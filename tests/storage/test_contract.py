"""The storage contract: every statement behaves the same on each backend.

Runs on the embedded FalkorDB always, and on Neo4j when HAMAHANG_TEST_NEO4J_URL is set
(for example neo4j://neo4j:secret@localhost:7687/neo4j); skipped with that reason otherwise.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from service.domain import models as m
from service.domain.actor import DEVELOPMENT_ACTOR
from service.domain.enums import RequestStatus
from service.errors import ServiceError
from service.registry import specs
from service.registry.agencies import move_agency
from service.registry.bundle import export_bundle, import_bundle
from service.registry.repository import Repository
from service.registry.requests import move_request
from service.settings import Settings
from service.storage.errors import BadQuery, Conflict, Unavailable
from service.storage.falkor import FalkorStore
from service.storage.neo4j_store import Neo4jStore
from service.storage.port import GraphStore
from service.storage.queries import QueryLibrary
from service.storage.runtime import open_store
from tests.conftest import OBSERVED
from tests.factories import small_bundle

NEO4J_URL = os.environ.get("HAMAHANG_TEST_NEO4J_URL")
BACKENDS = [
    "falkordb",
    pytest.param("neo4j", marks=pytest.mark.skipif(not NEO4J_URL, reason="set HAMAHANG_TEST_NEO4J_URL to run on Neo4j")),
]


@pytest.fixture(params=BACKENDS)
async def store(request: pytest.FixtureRequest, settings: Settings) -> AsyncIterator[GraphStore]:
    if request.param == "neo4j":
        runtime = await open_store(settings.model_copy(update={"graph_url": NEO4J_URL}))
    else:
        runtime = await open_store(settings.model_copy(update={"graph_name": "contract"}))
    runtime.store.observed = OBSERVED  # type: ignore[attr-defined]
    await runtime.store.wipe()
    yield runtime.store
    await runtime.store.close()  # the embedded server belongs to the session fixture


async def test_schema_is_idempotent_and_ping_answers(store: GraphStore) -> None:
    await store.apply_schema()
    await store.apply_schema()
    await store.ping()
    assert (await store.read("registry/ping")) == [{"ok": 1}]


async def test_import_export_round_trip(store: GraphStore) -> None:
    assert (await store.read("registry/is_empty")) == [{"agencies": 0}]
    prepared = await import_bundle(store, small_bundle())
    assert not prepared.problems, prepared.problems
    first = await export_bundle(store)
    assert {k: len(v) for k, v in first.items()} == {k: len(v) for k, v in small_bundle().items()}
    await store.wipe()
    again = await import_bundle(store, first)
    assert not again.problems
    assert await export_bundle(store) == first


async def test_every_entity_create_read_update_archive(store: GraphStore) -> None:
    await import_bundle(store, small_bundle())
    repo = Repository(store)
    made = {
        specs.AGENCY: m.AgencyIn(code="GAS", nameFa="شرکت گاز", kind="utility_company", level="external"),
        specs.DUTY: m.DutyIn(agencyId="ag-water", titleFa="آبرسانی", functionCode="06.3"),
        specs.CAPACITY: m.CapacityIn(agencyId="ag-city", titleFa="زمین خالی", kind="land"),
        specs.NEED: m.NeedIn(agencyId="ag-water", titleFa="مجوز حفاری", kind="service"),
        specs.ISSUE: m.IssueIn(raisedById="ag-water", concernsIds=["ag-city"], titleFa="تاخیر مجوز",
                               category="permits", severity="medium"),
        specs.EXCHANGE: m.ExchangeIn(kind="service", providerId="ag-water", receiverId="ag-city",
                                     titleFa="آب آتش‌نشانی", date="1403/01/20"),
        specs.REQUEST: m.RequestIn(senderId="ag-city", receiverId="ag-water", subject="هماهنگی حفاری"),
        specs.WORKING_GROUP: m.WorkingGroupIn(nameFa="کارگروه حفاری", members=[{"agencyId": "ag-city", "role": "lead"}]),
    }  # fmt: skip
    for spec, data in made.items():
        row = await repo.create(spec, data)
        assert row["version"] == 1 and not row["archived"]
        assert (await repo.get(spec, row["id"]))["id"] == row["id"]
        changed = await repo.update(spec, row["id"], {}, expected_version=1)
        assert changed["version"] == 2
        with pytest.raises(ServiceError) as stale:
            await repo.update(spec, row["id"], {}, expected_version=1)
        assert stale.value.code == "VERSION_CONFLICT"
        archived = await repo.archive(spec, row["id"], expected_version=2)
        assert archived["archived"] is True
        listed = await repo.page(spec, filters={}, include_archived=False, limit=100)
        assert row["id"] not in {r["id"] for r in listed}
        assert await repo.count(spec, filters={}, include_archived=True) == len(
            await repo.page(spec, filters={}, include_archived=True, limit=100)
        )


async def test_traversals_and_aggregates(store: GraphStore) -> None:
    await import_bundle(store, small_bundle())
    by_agency = {
        "agency/children": "ag-city", "duty/by_agency": "ag-parks", "capacity/by_agency": "ag-water",
        "need/by_agency": "ag-parks", "issue/raised_by": "ag-city", "issue/concerning": "ag-water",
        "exchange/given_by": "ag-city", "exchange/received_by": "ag-parks", "request/sent_by": "ag-parks",
        "request/received_by": "ag-water", "working_group/of_agency": "ag-water", "request/steps": "rq-1",
    }  # fmt: skip
    for name, key in by_agency.items():
        rows = await store.read(name, {"ids": [key], "includeArchived": False})
        assert rows and all(r["key"] == key for r in rows), name
    everyone = {"viewerId": None}
    statuses = await store.read("request/status_counts", everyone)
    assert statuses == [{"status": "acknowledged", "count": 1}]
    assert await store.read("request/status_counts", {"viewerId": "ag-city"}) == []  # not its request
    assert {r["status"] for r in await store.read("issue/status_counts", everyone)} == {"open"}
    assert len(await store.read("exchange/status_counts", everyone)) == 2
    totals = await store.read("exchange/totals_by_day", everyone)
    assert sum(r["amount"] for r in totals) == 2_000_000_000


async def test_request_workflow_and_agency_tree(store: GraphStore) -> None:
    await import_bundle(store, small_bundle())
    repo = Repository(store)
    moved = await move_request(repo, "rq-1", RequestStatus.IN_PROGRESS, DEVELOPMENT_ACTOR, "شروع شد")
    assert moved["status"] == "in_progress" and moved["version"] == 2
    with pytest.raises(ServiceError) as illegal:
        await move_request(repo, "rq-1", RequestStatus.ACKNOWLEDGED, DEVELOPMENT_ACTOR)
    assert illegal.value.code == "ILLEGAL_TRANSITION"
    assert (await move_agency(repo, "ag-water", "ag-city", None))["parentId"] == "ag-city"
    with pytest.raises(ServiceError) as cycle:
        await move_agency(repo, "ag-city", "ag-parks", None)
    assert cycle.value.code == "CYCLE"
    assert (await move_agency(repo, "ag-water", None, None))["parentId"] is None


async def test_errors_map_onto_the_port(store: GraphStore, tmp_path: Path) -> None:
    await import_bundle(store, small_bundle())
    with pytest.raises(Conflict):
        await store.write("agency/create", {"id": "ag-city", "props": {"version": 1}, "parentId": None, "now": "x",
                                            "idempotencyKey": None, "inputHash": None, "audit": {"id": "au-x"}})
    broken = QueryLibrary(root=tmp_path, texts={"broken": "MATCH (n RETURN n"})
    if isinstance(store, FalkorStore):
        other = FalkorStore(store._db, "contract", broken, 5.0)
    else:
        assert isinstance(store, Neo4jStore)
        other = Neo4jStore(store._driver, store._database, broken)
    with pytest.raises(BadQuery):
        await other.read("broken")


async def test_unreachable_store_is_unavailable(tmp_path: Path) -> None:
    dead = FalkorStore.connect(queries=QueryLibrary.load(), graph="x", unix_socket=str(tmp_path / "none.sock"))
    with pytest.raises(Unavailable):
        await dead.ping()
    await dead.close()


async def test_plans_made_before_the_first_import_stay_right(settings: Settings) -> None:
    """FalkorDB caches plans: one made while HAS_DUTY's `role` was unknown returned no agency after
    the first import, until the schema declared every relationship type and property up front."""
    from service.demo.loader import load_demo_if_empty

    runtime = await open_store(settings.model_copy(update={"graph_name": "fresh_plans"}))
    try:
        await runtime.store.wipe()
        assert await runtime.store.read("duty/get", {"ids": ["du-parks-green"]}) == []  # planned on an empty graph
        assert await load_demo_if_empty(runtime.store)
        node = (await runtime.store.read("duty/get", {"ids": ["du-parks-green"]}))[0]["node"]
        assert node["agencyId"] == "ag-parks" and node["supportAgencyIds"] == ["ag-d9"]
    finally:
        await runtime.store.close()


async def test_reads_leave_the_search_key_in_the_store(store: GraphStore) -> None:
    """Each record's search key (as long as its texts) serves ``CONTAINS`` filters; replies carry
    ``search: null`` in its place so it is not sent and parsed with every row."""
    assert not (await import_bundle(store, small_bundle())).problems
    rows = {
        "duty/get": await store.read("duty/get", {"ids": ["du-green"]}),
        "duty/by_agency": await store.read("duty/by_agency", {"ids": ["ag-parks"], "includeArchived": False}),
        "agency/get": await store.read("agency/get", {"ids": ["ag-parks"]}),
        "request/received_by": await store.read("request/received_by", {"ids": ["ag-water"], "includeArchived": False}),
    }
    for name, found in rows.items():
        assert found, name
        assert all(r["node"].get("search") is None for r in found), name
    listed = await Repository(store).page(specs.DUTY, filters={"q": None}, q="فضای سبز", include_archived=False, limit=10)
    assert [r["id"] for r in listed] == ["du-green"]  # while the filter still finds by it
