"""The storage contract: every statement behaves the same on each backend.

Runs on the embedded FalkorDB always (so every ``make test`` proves it on one backend), and on
Neo4j when HAMAHANG_TEST_NEO4J_URL is set (for example neo4j://neo4j:secret@localhost:7687/neo4j);
skipped with that reason otherwise. When the whole module runs, its last check insists that each
backend it ran on executed every shared statement under cypher/ (the schema files aside), so the
day a Neo4j is at hand this one module proves the backend.
"""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from service.domain import models as m
from service.domain.actor import DEVELOPMENT_ACTOR
from service.domain.enums import RequestStatus
from service.errors import ServiceError
from service.registry import fulltext, specs
from service.registry.agencies import move_agency
from service.registry.audit import audit_event
from service.registry.bundle import export_bundle, import_bundle
from service.registry.clock import now_iso
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
from tests.storage.agreement_contract import test_agreement_statements  # noqa: F401  (branch agree: run here, on each backend)
from tests.storage.plan_intake_contract import test_plan_and_intake_statements  # noqa: F401  (plans and intake: run here)

NEO4J_URL = os.environ.get("HAMAHANG_TEST_NEO4J_URL")
BACKENDS = [
    "falkordb",
    pytest.param("neo4j", marks=pytest.mark.skipif(not NEO4J_URL, reason="set HAMAHANG_TEST_NEO4J_URL to run on Neo4j")),
]


class _Ran(set[str]):
    """The statements one backend ran in this module; each also counts for the session's coverage."""

    def add(self, name: str) -> None:
        super().add(name)
        OBSERVED.add(name)


RAN: dict[str, _Ran] = {"falkordb": _Ran(), "neo4j": _Ran()}


@pytest.fixture(params=BACKENDS)
async def store(request: pytest.FixtureRequest, settings: Settings) -> AsyncIterator[GraphStore]:
    if request.param == "neo4j":
        runtime = await open_store(settings.model_copy(update={"graph_url": NEO4J_URL}))
    else:
        runtime = await open_store(settings.model_copy(update={"graph_name": "contract"}))
    runtime.store.observed = RAN[request.param]  # type: ignore[attr-defined]
    await runtime.store.wipe()
    yield runtime.store
    await runtime.store.close()  # the embedded server belongs to the session fixture


def shared_statements(backend: str) -> set[str]:
    """Every statement a backend runs: each file under cypher/ but the per-backend schema and the
    other backend's twin of a statement one text cannot serve (``search/fulltext.<backend>``)."""
    other = next(b for b in RAN if b != backend)
    return {name for name in QueryLibrary.load().texts if not name.startswith("schema/") and not name.endswith(f".{other}")}


@pytest.fixture(scope="module", autouse=True)
def every_shared_statement_runs(request: pytest.FixtureRequest) -> Iterator[None]:
    """After the module: each backend that ran the whole module ran every shared statement."""
    yield
    mine = [item for item in request.session.items if item.module is request.module]
    whole = {item.name for item in request.node.collect()} if hasattr(request.node, "collect") else set()
    if {item.name for item in mine} != whole or request.session.testsfailed:
        return  # a selection (-k) or a failure: the claim is about the whole suite passing
    for backend, ran in RAN.items():
        if backend == "neo4j" and not NEO4J_URL:
            continue
        missing = sorted(shared_statements(backend) - ran)
        assert not missing, f"the contract suite never ran these on {backend}: {missing}"


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


async def test_reads_sent_together_answer_as_each_alone(store: GraphStore, tmp_path: Path) -> None:
    """``read_many`` (one round trip): each statement's rows as ``read`` gives them, in the order sent;
    a graph never written reads empty; a statement that fails fails the whole call, translated."""
    empty = await store.read_many([("agency/get", {"ids": ["ag-city"]}), ("duty/by_agency", {"ids": ["ag-city"], "includeArchived": False})])
    assert empty == [[], []] and await store.read_many([]) == []
    await import_bundle(store, small_bundle())
    reads: list[tuple[str, dict[str, Any] | None]] = [
        ("agency/get", {"ids": ["ag-city", "ag-parks", "ag-none"]}),
        ("duty/by_agency", {"ids": ["ag-city"], "includeArchived": False}),
        ("agency/get", {"ids": ["ag-parks"]}),
    ]
    together = await store.read_many(reads)
    assert together == [await store.read(name, params) for name, params in reads]
    assert [len(rows) for rows in together] == [2, len(together[1]), 1] and together[1]
    broken = QueryLibrary(root=tmp_path, texts={"broken": "MATCH (n RETURN n", "agency/get": QueryLibrary.load().texts["agency/get"]})
    if isinstance(store, FalkorStore):
        other: GraphStore = FalkorStore(store._db, "contract", broken, 5.0)
    else:
        assert isinstance(store, Neo4jStore)
        other = Neo4jStore(store._driver, store._database, broken)
    with pytest.raises(BadQuery):
        await other.read_many([("agency/get", {"ids": ["ag-city"]}), ("broken", None)])


async def test_unreachable_store_is_unavailable(tmp_path: Path) -> None:
    dead = FalkorStore.connect(queries=QueryLibrary.load(), graph="x", unix_socket=str(tmp_path / "none.sock"))
    with pytest.raises(Unavailable):
        await dead.ping()
    with pytest.raises(Unavailable):
        await dead.read_many([("agency/get", {"ids": ["ag-city"]})])
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


async def test_full_text_search_and_the_words_backfill(store: GraphStore) -> None:
    """``q`` through each backend's own full-text statement (the port picks the file), normalised on
    both sides; a record stored without ``words`` (before the index) gets them from the backfill."""
    assert not (await import_bundle(store, small_bundle())).problems
    assert await fulltext.hits(store, specs.DUTY, "فضاي سبز", False) == ["du-green"]  # Arabic yeh asked
    assert await fulltext.hits(store, specs.NEED, "آبیاری", False) == ["ne-parks"]
    assert await fulltext.hits(store, specs.DUTY, "ضای", False) is None  # no word begins so: CONTAINS answers
    listed = await Repository(store).page(specs.DUTY, filters={}, q="فضای", sort=fulltext.RANK)
    assert [r["id"] for r in listed] == ["du-green"]
    repo = Repository(store)
    data = m.AgencyIn(code="OLD", nameFa="سازمان قديمي", kind="ngo", level="external")
    ident, props, relations = repo.new_props(specs.AGENCY, data, now_iso())
    del props["words"]  # as the previous version stored it
    await store.write("agency/create", {"id": ident, "props": props, "now": now_iso(), "idempotencyKey": None, "inputHash": None,
                                        **relations, "audit": audit_event(None, "create", "Agency", ident, None, {})})  # fmt: skip
    assert await fulltext.hits(store, specs.AGENCY, "قدیمی", False) is None
    assert await fulltext.backfill_words(store) == 1
    assert await fulltext.hits(store, specs.AGENCY, "قدیمی", False) == [ident]
    assert await fulltext.backfill_words(store) == 0


NARROW_FROM = {  # each *_fields twin, the full traversal it narrows, and an agency with rows
    "agency/children": "ag-city", "duty/by_agency": "ag-parks", "capacity/by_agency": "ag-water",
    "need/by_agency": "ag-parks", "issue/raised_by": "ag-city", "issue/concerning": "ag-water",
    "exchange/given_by": "ag-city", "exchange/received_by": "ag-parks", "request/sent_by": "ag-parks",
    "request/received_by": "ag-water",
}  # fmt: skip


async def test_every_fields_read_equals_its_full_traversal(store: GraphStore) -> None:
    assert not (await import_bundle(store, small_bundle())).problems
    fields = ["id", "version", "archived"]
    for full, key in NARROW_FROM.items():
        params = {"ids": [key], "includeArchived": False}
        whole = await store.read(full, params)
        narrow = await store.read(f"{full}_fields", params | {"fields": fields})
        assert whole and len(narrow) == len(whole), full
        assert sorted(tuple(r["values"]) for r in narrow) == sorted(tuple(r["node"][k] for k in fields) for r in whole), full
        assert all(r["key"] == key for r in narrow), full


async def test_tokens_are_made_found_listed_counted_and_revoked(store: GraphStore) -> None:
    from service.auth.tokens import create_token, ensure_development_token, list_tokens, resolve, revoke_token
    from service.domain.actor import Role

    assert (await ensure_development_token(store)) is not None  # none yet (token/count 0): one is made
    assert (await ensure_development_token(store)) is None
    await import_bundle(store, small_bundle())
    token, row = await create_token(store, Role.AGENCY, "ag-water", "agency")
    actor = await resolve(store, token)
    assert actor is not None and (actor.role, actor.agency_id) == (Role.AGENCY, "ag-water")
    assert {t["id"] for t in await list_tokens(store)} >= {row["id"]}
    assert (await revoke_token(store, row["id"]))["revokedAt"]
    assert await resolve(store, token) is None


async def test_backup_and_restore_round_trip(store: GraphStore) -> None:
    from service.registry.backup import backup_lines, restore_lines

    await import_bundle(store, small_bundle())
    before = await backup_lines(store)
    assert any('"rel"' in line for line in before)
    await store.wipe()
    await restore_lines(store, before)
    assert await backup_lines(store) == before


async def test_audit_trail_lists_and_counts(store: GraphStore) -> None:
    await import_bundle(store, small_bundle())
    repo = Repository(store)
    await repo.update(specs.DUTY, "du-green", {"titleEn": "green"}, expected_version=1)
    params = {"entityId": "du-green", "actor": None, "entity": "Duty", "from": None, "to": None}
    listed = await store.read("audit/list", params | {"skip": 0, "limit": 10})
    assert listed and all(r["node"]["entityId"] == "du-green" for r in listed)
    assert (await store.read("audit/count", params)) == [{"total": len(listed)}]


async def test_finding_verdicts_are_kept(store: GraphStore) -> None:
    from service.analysis.verdicts import load_verdicts, save_verdict

    saved = await save_verdict(store, "dup:du-a:du-b", "confirmed", "du-a@1;du-b@1", DEVELOPMENT_ACTOR, "یکی است")
    again = await save_verdict(store, "dup:du-a:du-b", "dismissed", "du-a@2;du-b@1", DEVELOPMENT_ACTOR, None)
    assert saved.verdict == "confirmed" and again.verdict == "dismissed"
    assert (await load_verdicts(store))["dup:du-a:du-b"].fingerprint == "du-a@2;du-b@1"


async def test_winwin_reads_only_what_it_needs(store: GraphStore) -> None:
    """``winwin_read``'s compact statements: the same records on each backend, plain columns."""
    from service.analysis.winwin_read import exchanges_between, load_winwin_snapshot

    await import_bundle(store, small_bundle())
    snap = await load_winwin_snapshot(store, "2024-06-01")
    snap.rows["exchange"] = await exchanges_between(store, snap, [("ag-city", "ag-parks"), ("ag-water", "ag-parks"),
                                                                  ("ag-water", "ag-city")], "2024-06-01")  # fmt: skip
    places = sorted((r["agencyId"], sorted(r["geography"])) for r in snap.rows.pop("duty_place"))
    # where the duties of each agency stating no place apply, led or supported (ag-city supports du-green)
    assert places == [("ag-city", ["city"]), ("ag-parks", ["city"]), ("ag-water", ["city"])]
    ids = {k: sorted(r["id"] for r in rows) for k, rows in snap.rows.items()}
    assert ids == {"agency": ["ag-city", "ag-parks", "ag-water"], "capacity": ["ca-water"], "need": ["ne-parks"],
                   "issue": ["is-dig"], "exchange": ["ex-1", "ex-2"], "request": ["rq-1"]}  # fmt: skip
    [cap], [need], [exchange] = snap["capacity"], snap["need"], [x for x in snap["exchange"] if x["id"] == "ex-2"]
    assert (cap["agencyId"], cap["unit"], cap["availableTo"], cap["costRials"]) == ("ag-water", "m3/day", "2026-03-20", 1000)
    assert (need["agencyId"], need["neededFrom"], need["valueRials"]) == ("ag-parks", "2024-05-21", 5000)
    assert (exchange["providerId"], exchange["receiverId"], exchange["status"]) == ("ag-water", "ag-parks", "planned")
    assert snap["issue"][0]["concernsIds"] == ["ag-water"] and snap["request"][0]["aboutId"] == "ca-water"


async def test_vocabulary_terms_are_added_once_and_listed(store: GraphStore) -> None:
    from service.analysis.vocab.terms import add_term, load_terms

    first = await add_term(store, DEVELOPMENT_ACTOR, "obj.green", "باغ‌راه")
    again = await add_term(store, DEVELOPMENT_ACTOR, "obj.green", "باغ راه")  # the same label, spelt apart
    assert first["id"] == again["id"]
    assert [t["id"] for t in await load_terms(store) if t["concept"] == "obj.green"] == [first["id"]]


async def test_an_idempotent_create_returns_the_first_record(store: GraphStore) -> None:
    repo = Repository(store)
    data = m.AgencyIn(code="ONCE", nameFa="یک بار", kind="ngo", level="external")
    first = await repo.create(specs.AGENCY, data, idempotency_key="key-1")
    again = await repo.create(specs.AGENCY, data, idempotency_key="key-1")
    assert again["id"] == first["id"] and await repo.count(specs.AGENCY, filters={}, include_archived=True) == 1


async def test_working_group_membership_and_duty_holders(store: GraphStore) -> None:
    from service.domain.enums import MemberRole
    from service.registry.working_groups import remove_member, set_member

    await import_bundle(store, small_bundle())
    repo = Repository(store)
    seated = await set_member(repo, "wg-water", "ag-city", MemberRole.SUPERVISOR, expected_version=1)
    assert {"agencyId": "ag-city", "role": "supervisor"} in seated["members"] and seated["version"] == 2
    left = await remove_member(repo, "wg-water", "ag-parks", expected_version=2)
    assert {m["agencyId"] for m in left["members"]} == {"ag-water", "ag-city"} and left["version"] == 3
    with pytest.raises(ServiceError) as stale:
        await set_member(repo, "wg-water", "ag-parks", MemberRole.MEMBER, expected_version=2)
    assert stale.value.code == "VERSION_CONFLICT"
    holders = {r["id"]: sorted(r["agencyIds"]) for r in await store.read("duty/holders", {"ids": ["du-green", "du-sewer"]})}
    assert holders == {"du-green": ["ag-city", "ag-parks"], "du-sewer": ["ag-water"]}


# Statements that check a value before they write: each must write to the node first (Neo4j's
# read committed isolation would otherwise let two writers read the same version and both win).
GUARDED = re.compile(r"\$(expectedVersion|fromStatus)\b")


def test_every_guarded_write_takes_the_node_lock_before_it_reads() -> None:
    texts = {name: text for name, text in QueryLibrary.load().texts.items() if GUARDED.search(text)}
    assert len(texts) >= 11, sorted(texts)
    for name, text in texts.items():
        code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
        lock = code.find("._lock = true")
        assert lock != -1, f"{name} checks a version or status without taking the node's lock first"
        assert lock < GUARDED.search(code).start(), f"{name} reads before it locks"  # type: ignore[union-attr]
        assert "REMOVE" in code[lock:GUARDED.search(code).start()], f"{name} leaves its _lock property behind"  # type: ignore[union-attr]


async def test_eight_writers_on_one_version_make_exactly_one_winner(store: GraphStore) -> None:
    """The concurrency contract: 8 updates, 8 transitions and 8 seatings, each set sent at once with
    the same expected version; exactly one of each wins, the rest are refused, and no lock is left."""
    await import_bundle(store, small_bundle())
    repo = Repository(store)

    async def outcome(work: Any) -> str:
        try:
            await work
        except ServiceError as exc:
            return exc.code
        return "won"

    updates = await asyncio.gather(*(outcome(repo.update(specs.DUTY, "du-green", {"titleEn": f"writer {i}"},
                                                          expected_version=1)) for i in range(8)))  # fmt: skip
    moves = await asyncio.gather(*(outcome(move_request(repo, "rq-1", RequestStatus.IN_PROGRESS, DEVELOPMENT_ACTOR,
                                                        f"writer {i}")) for i in range(8)))  # fmt: skip
    from service.domain.enums import MemberRole
    from service.registry.working_groups import set_member

    seats = await asyncio.gather(*(outcome(set_member(repo, "wg-water", agency, MemberRole.MEMBER, expected_version=1))
                                   for agency in ["ag-city"] * 8))  # fmt: skip
    from service.auth.tokens import create_token, revoke_token
    from service.domain.actor import Role

    _, token = await create_token(store, Role.ANALYST, None, "revoked once")
    revokes = await asyncio.gather(*(outcome(revoke_token(store, token["id"])) for _ in range(8)))
    for name, results in {"update": updates, "transition": moves, "add_member": seats, "revoke": revokes}.items():
        assert results.count("won") == 1, (name, results)
        assert set(results) - {"won"} <= {"VERSION_CONFLICT", "ILLEGAL_TRANSITION", "NOT_FOUND"}, (name, results)
    audit = {"entityId": token["id"], "actor": None, "entity": "ApiToken", "from": None, "to": None}
    events = await store.read("audit/list", audit | {"skip": 0, "limit": 20})
    assert [e["node"]["action"] for e in events].count("token_revoke") == 1
    duty = await repo.get(specs.DUTY, "du-green")
    assert duty["version"] == 2 and duty["titleEn"].startswith("writer ")
    steps = await store.read("request/steps", {"ids": ["rq-1"]})
    assert [s["node"]["toStatus"] for s in steps].count("in_progress") == 1
    nodes = [r["props"] for r in await store.read("backup/nodes")]
    assert not [n["id"] for n in nodes if "_lock" in n]


async def test_city_plans_are_upserted_linked_and_listed(store: GraphStore) -> None:
    from service.registry.city_plans import link_goal, load_plans, upsert_plan

    await import_bundle(store, small_bundle())
    plan = {"id": "pl-test", "titleFa": "برنامهٔ آزمون", "levels": ["strategic"],
            "goals": [{"id": "go-b", "titleFa": "آب", "focus": "آب", "level": "strategic", "strategies": ["پساب"],
                       "dutyIds": ["du-sewer", "du-missing"]},
                      {"id": "go-a", "titleFa": "سبز", "level": "strategic"}]}  # fmt: skip
    first = await upsert_plan(store, DEVELOPMENT_ACTOR, plan)
    assert [g["id"] for g in first["goals"]] == ["go-b", "go-a"]  # in the plan's order, a missing duty left out
    assert first["goals"][0]["dutyIds"] == ["du-sewer"] and first["goals"][0]["strategies"] == ["پساب"]
    again = await upsert_plan(store, DEVELOPMENT_ACTOR, plan | {"titleFa": "برنامهٔ آزمون ۲"})
    assert again["titleFa"] == "برنامهٔ آزمون ۲" and len(await load_plans(store)) == 1
    shorter = await upsert_plan(store, DEVELOPMENT_ACTOR, plan | {"goals": plan["goals"][1:]})
    assert [g["id"] for g in shorter["goals"]] == ["go-a"]  # a goal left out is taken out
    again = await upsert_plan(store, DEVELOPMENT_ACTOR, plan | {"titleFa": "برنامهٔ آزمون ۲"})
    with pytest.raises(ServiceError) as taken:  # a goal is one plan's
        await upsert_plan(store, DEVELOPMENT_ACTOR, {"id": "pl-other", "titleFa": "دیگر", "goals": [{"id": "go-a", "titleFa": "سبز"}]})
    assert taken.value.code == "VALIDATION" and len(await load_plans(store)) == 1
    version = again["goals"][1]["version"]
    linked = await link_goal(store, DEVELOPMENT_ACTOR, "go-a", ["du-green", "du-sewer"], version)
    assert linked["dutyIds"] == ["du-green", "du-sewer"] and linked["version"] == version + 1
    with pytest.raises(ServiceError) as stale:
        await link_goal(store, DEVELOPMENT_ACTOR, "go-a", ["du-green"], version)
    assert stale.value.code == "VERSION_CONFLICT"
    with pytest.raises(ServiceError) as missing:
        await link_goal(store, DEVELOPMENT_ACTOR, "go-a", ["du-nowhere"], version + 1)
    assert missing.value.code == "NOT_FOUND"


async def test_notifications_digests_and_webhooks_are_each_made_once(store: GraphStore, settings: Settings) -> None:
    """Follow-up (service/notify/): two sweeps at once write each notification once; of 8 claims of
    one digest or one delivery sent at once exactly one wins; an inbox reads and marks only itself."""
    from service.auth.policy import View
    from service.domain.actor import Actor, Role
    from service.notify import webhooks
    from service.notify.inbox import Inbox
    from service.notify.sweep import Sweeper
    from service.registry.clock import now_iso

    await import_bundle(store, small_bundle())
    await move_request(Repository(store), "rq-1", RequestStatus.IN_PROGRESS, Actor("water", Role.AGENCY, "ag-water"))
    reports = await asyncio.gather(Sweeper(store, settings).run(), Sweeper(store, settings).run())
    found = await store.read("notification/inbox", {"recipients": ["agency:ag-parks", "agency:ag-water"], "unreadOnly": False,
                                                    "kind": None, "skip": 0, "limit": 50})  # fmt: skip
    # rq-1 (parks → water, due 1403/04/01) is overdue to both; water's step is news to parks
    assert sorted((r["node"]["kind"], r["node"]["recipient"]) for r in found) == [
        ("request_moved", "agency:ag-parks"), ("request_overdue", "agency:ag-parks"), ("request_overdue", "agency:ag-water")]
    assert sum(r.created for r in reports) == 3 and {r.found for r in reports} == {3}
    state = await store.read("sweep/get", {"id": "notify"})
    assert state[0]["node"]["sweeps"] == 2
    parks = Inbox(store, View(Actor("parks", Role.AGENCY, "ag-parks")))
    assert await parks.counts() == (2, 2)
    water_ids = [r["node"]["id"] for r in found if r["node"]["recipient"] == "agency:ag-water"]
    assert await parks.mark_read(water_ids) == 0 and await parks.mark_read(None) == 2 and await parks.counts() == (2, 0)

    recipients = await store.read("digest/recipients")
    assert recipients == []  # the small registry has no contact e-mails
    now = now_iso()
    claim = {"key": "digest:agency:ag-water:2026-11-30", "recipient": "agency:ag-water", "day": "2026-11-30", "now": now,
             "maxAttempts": 3, "staleBefore": "2000-01-01", "email": "water@example.org"}  # fmt: skip
    claims = await asyncio.gather(*(store.write("digest/claim", claim | {"claimId": f"c{i}"}) for i in range(8)))
    winners = [i for i, rows in enumerate(claims) if rows]
    assert len(winners) == 1
    recorded = await store.write("digest/record", {"key": claim["key"], "claimId": f"c{winners[0]}", "status": "sent", "sentAt": now,
                                                   "error": None, "items": 1, "now": now})  # fmt: skip
    assert recorded[0]["node"]["status"] == "sent"
    assert not await store.write("digest/claim", claim | {"claimId": "late"})  # sent today: never again
    assert [d["node"]["status"] for d in await store.read("digest/list", {"day": "2026-11-30", "limit": 5})] == ["sent"]

    director = Actor("d", Role.DIRECTORATE, token_id="tk-x")
    _, hook = await webhooks.register(store, View(director), director, "http://127.0.0.1:9/hook", "ag-parks", None, allow_private=True)
    assert [w["id"] for w in await webhooks.listing(store, View(director))] == [hook["id"]] and hook.get("secret") is None
    queued = await asyncio.gather(*(store.write("webhook/enqueue", {"since": "2000-01-01", "now": now_iso()}) for _ in range(8)))
    assert {q[0]["queued"] for q in queued} == {0}  # the notifications came before the webhook: not sent to it
    await store.write("notification/merge", {"rows": [{"key": "test|agency:ag-parks", "props": {
        "id": "nt-test", "recipient": "agency:ag-parks", "recipientKind": "agency", "agencyId": "ag-parks", "kind": "request_new",
        "titleFa": "آزمون", "titleEn": "test", "recordKind": "request", "recordId": "rq-1"}}], "now": now_iso(), "sweepId": "sw-test"})  # fmt: skip
    queued = await asyncio.gather(*(store.write("webhook/enqueue", {"since": "2000-01-01", "now": now_iso()}) for _ in range(8)))
    assert {q[0]["queued"] for q in queued} == {1}
    due = await store.read("webhook/due", {"now": "2999-01-01", "staleBefore": "2000-01-01", "limit": 10})
    assert [d["id"] for d in due] == [f"nt-test.{hook['id']}"]
    claim = {"id": due[0]["id"], "now": now_iso(), "staleBefore": "2000-01-01"}
    attempts = await asyncio.gather(*(store.write("webhook/claim", claim | {"claimId": f"c{i}"}) for i in range(8)))
    won = [i for i, rows in enumerate(attempts) if rows]
    assert len(won) == 1 and attempts[won[0]][0]["webhook"]["secret"].startswith("whsec_")
    await store.write("webhook/record", {"id": due[0]["id"], "claimId": f"c{won[0]}", "status": "delivered", "nextAttemptAt": None,
                                         "now": now_iso(), "statusCode": 204, "error": None, "deliveredAt": now_iso(), "logLine": "ok"})  # fmt: skip
    log = await store.read("webhook/deliveries", {"webhookId": hook["id"], "skip": 0, "limit": 10})
    assert [(d["node"]["status"], d["node"]["attempts"], d["node"]["log"]) for d in log] == [("delivered", 1, ["ok"])]
    off = await webhooks.deactivate(store, View(director), director, hook["id"])
    assert off["active"] is False and (await store.read("webhook/get", {"ids": [hook["id"]]}))[0]["node"]["active"] is False
# --- working-group governance (issue 19; branch wg) ---
async def test_working_group_governance_statements_and_one_winner_per_move(store: GraphStore) -> None:
    """Meetings, decisions, reports and placement on each backend; 8 owners moving one decision at
    once and 8 supervisors' approvals of one report each make exactly one winner."""
    from service.domain.actor import Actor, Role
    from service.domain.enums import WorkingGroupLevel
    from service.registry import wg_reads
    from service.registry.city_plans import upsert_plan
    from service.registry.wg_decisions import move_decision, record_decision
    from service.registry.wg_meetings import amend_meeting, record_meeting
    from service.registry.wg_placement import place
    from service.registry.wg_reports import advance_report, draft_report, published_reports

    bundle = small_bundle()
    bundle["workingGroups"][0]["members"] = [{"agencyId": "ag-water", "role": "secretariat"},
                                             {"agencyId": "ag-parks", "role": "member"},
                                             {"agencyId": "ag-city", "role": "supervisor"}]  # fmt: skip
    await import_bundle(store, bundle)
    repo = Repository(store)
    sec, owner, sup = (Actor("t", Role.AGENCY, a) for a in ("ag-water", "ag-parks", "ag-city"))
    await upsert_plan(store, None, {"id": "pl-t", "titleFa": "طرح"})
    placed = await place(repo, "wg-water", WorkingGroupLevel.PLAN, None, "pl-t", 1)
    assert (placed["level"], placed["planId"], placed["version"]) == ("plan", "pl-t", 2)
    meeting = await record_meeting(repo, sec, {"groupId": "wg-water", "date": "1405/03/01", "agendaFa": "دستور", "presentIds": ["ag-water"]})
    amended = await amend_meeting(repo, sec, meeting["id"], {"minutesFa": "صورت‌جلسه"}, 1)
    assert amended["minutesFa"] == "صورت‌جلسه" and amended["memberIds"]
    decision = await record_decision(repo, sec, {"groupId": "wg-water", "meetingId": meeting["id"], "textFa": "تصمیم", "ownerId": "ag-parks"})

    async def outcome(work: Any) -> str:
        try:
            await work
        except ServiceError as exc:
            return exc.code
        return "won"

    moves = await asyncio.gather(*(outcome(move_decision(repo, owner, decision["id"], "in_progress", None, 1)) for _ in range(8)))
    assert moves.count("won") == 1 and set(moves) - {"won"} <= {"VERSION_CONFLICT", "INVALID_TRANSITION"}, moves
    steps = await wg_reads.steps(repo, "wg_decision", [decision["id"]])
    assert [s["toStatus"] for s in steps[decision["id"]]] == ["open", "in_progress"]
    report = await draft_report(repo, sec, {"groupId": "wg-water", "year": 1405, "period": "h1", "titleFa": "گزارش", "summaryFa": "خلاصه"})
    assert (report["meetingsHeld"], report["decisionsMade"], report["decisionsOpen"]) == (1, 1, 1)
    approvals = await asyncio.gather(*(outcome(advance_report(repo, sup, report["id"], "approve", 1)) for _ in range(8)))
    assert approvals.count("won") == 1, approvals
    await advance_report(repo, sec, report["id"], "publish", 2)
    assert [r["id"] for r in await published_reports(repo)] == [report["id"]]
    assert [s["toStatus"] for s in (await wg_reads.steps(repo, "wg_report", [report["id"]]))[report["id"]]] == ["drafted", "approved", "published"]
    for kind, ident in (("wg_meeting", meeting["id"]), ("wg_decision", decision["id"]), ("wg_report", report["id"])):
        assert ident in await wg_reads.get_many(repo, kind, [ident])
    assert len(await wg_reads.listing(repo, "wg_meeting", groupIds=["wg-water"])) == 1
    assert len(await wg_reads.listing(repo, "wg_decision", groupIds=None, ownerId="ag-parks")) == 1
    assert len(await wg_reads.listing(repo, "wg_report", groupIds=None, status="published")) == 1
    leftover = await store.read("working_group/get", {"ids": ["wg-water"]})
    assert "_lock" not in leftover[0]["node"]
async def test_stakeholders_links_log_and_commitments(store: GraphStore) -> None:
    """#19.3: a stakeholder, its links replaced, the engagement log, a commitment moved, each backend alike."""
    from service.domain import stakeholder as sm
    from service.domain.actor import Actor, Role
    from service.registry import commitments as cm, stakeholders as st
    from service.registry.receivers import check_receiver

    await import_bundle(store, small_bundle())
    repo = Repository(store, DEVELOPMENT_ACTOR)
    made = await st.create_stakeholder(repo, sm.StakeholderIn(nameFa="شهروندان", type="citizens", power=2, interest=5, influence=3,
                                                              issueIds=["is-dig"], dutyIds=["du-green"], workingGroupIds=["wg-water"]))  # fmt: skip
    assert made["partyIds"] and set(made["partyIds"]) == {"ag-parks", "ag-city", "ag-water"}
    linked = await st.set_links(repo, made["id"], sm.StakeholderLinks(dutyIds=["du-sewer"], issueIds=[]), 1)
    assert linked["dutyIds"] == ["du-sewer"] and linked["issueIds"] == [] and linked["workingGroupIds"] == ["wg-water"]
    moved = await st.update_stakeholder(repo, made["id"], sm.StakeholderPatch(power=4), 2)
    assert moved["power"] == 4 and moved["version"] == 3
    agency = Repository(store, Actor(name="parks", role=Role.AGENCY, agency_id="ag-parks"))
    assert await agency.count(st.STAKEHOLDER, filters={}) == 0  # du-green no longer serves it
    assert await repo.count(st.STAKEHOLDER, filters={"type": "citizens"}) == 1
    assert [r["id"] for r in await st.all_stakeholders(repo)] == [made["id"]]
    owed = await cm.make_commitment(repo, sm.CommitmentIn(stakeholderId=made["id"], ownerId="ag-parks", textFa="آبیاری", dueDate="1405/10/01"))
    assert await agency.count(st.STAKEHOLDER, filters={}) == 1  # now it owes it one
    kept = await cm.move_commitment(agency, owed["id"], "kept", "انجام شد", 1)
    assert kept["status"] == "kept" and [s["status"] for s in (await cm.steps_of(repo, [owed["id"]]))[owed["id"]]] == ["open", "kept"]
    assert [c["id"] for c in await cm.commitments(agency)] == [owed["id"]]
    entry = sm.EngagementIn(stakeholderId=made["id"], kind="meeting", date="1405/09/09", noteFa="جلسه", commitmentId=owed["id"])
    logged = await cm.record_engagement(agency, entry, idempotency_key="k1")
    assert (await cm.record_engagement(agency, entry, idempotency_key="k1"))["id"] == logged["id"]
    assert (await cm.engagements_of(repo, [made["id"]]))[made["id"]][0]["agencyId"] == "ag-parks"
    assert [r["key"] for r in await repo.related("stakeholder/of_duties", ["du-sewer", "du-green"])] == ["du-sewer"]
    assert await repo.related("stakeholder/of_issues", ["is-dig"]) == []  # unlinked above
    with pytest.raises(ServiceError) as refused:
        await check_receiver(repo, made["id"])
    assert refused.value.code == "NOT_A_RECEIVER"
    assert await store.read("agency/stakeholder_groups", {"ids": ["ag-parks"]}) == []
    late = await cm.make_commitment(repo, sm.CommitmentIn(stakeholderId=made["id"], ownerId="ag-water", textFa="لوله", dueDate="1405/09/01"))
    assert await store.read("commitment/overdue", {"today": "2026-11-30"}) == [
        {"commitmentId": late["id"], "stakeholderId": made["id"], "textFa": "لوله", "dueDate": "2026-11-22", "ownerId": "ag-water"}]
    legacy = {"id": "ag-sg", "code": "SG-1", "nameFa": "شهروندان", "kind": "stakeholder_group", "level": "external"}
    assert not (await import_bundle(store, {"agencies": [legacy]})).problems  # old data stays importable
    assert await store.read("agency/stakeholder_groups", {"ids": ["ag-sg", "ag-parks"]}) == [{"id": "ag-sg"}]
    converted = await st.convert_group(repo, "ag-sg", "citizens", 2, 5, 3)
    assert converted["convertedFrom"] == "ag-sg" and (await repo.get(specs.AGENCY, "ag-sg"))["archived"] is True
