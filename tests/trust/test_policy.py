"""The access policy where it used to leak (issue 13, items 1, 4 and 9): idempotency keys scoped by
the token, aggregates and traversals over the reader's own view, and refusals that say nothing."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from tests.conftest import GraphQL
from tests.factories import small_bundle

CREATE_NEED = """mutation($k: String, $a: String!, $t: String!, $v: Rials) {
  createNeed(idempotencyKey: $k, input: {agencyId: $a, titleFa: $t, kind: DATA, valueRials: $v}) { id agencyId titleFa } }"""
BIG = 987_654_321_000


@pytest.fixture()
def small(registry: GraphQL) -> GraphQL:
    """The small registry, a fourth agency (District 1) party to nothing, and a big 1399 exchange
    between two other agencies (water gives parks), plus one water gives city."""
    from service.io.workbook import bundle_to_xlsx

    assert registry.post("/registry/import", files={"file": ("s.xlsx", bundle_to_xlsx(small_bundle()))}).status_code == 200
    registry.ok('mutation { createAgency(input: {id: "ag-d1", code: "D1", nameFa: "منطقهٔ یک", kind: DISTRICT,'
                ' level: DISTRICT}) { id } }')  # fmt: skip
    registry.ok('mutation { createExchange(input: {id: "ex-big", kind: FINANCIAL, providerId: "ag-water",'
                f' receiverId: "ag-parks", titleFa: "انتقال بزرگ", date: "1399/05/01", amountRials: {BIG}}}) {{ id }} }}')  # fmt: skip
    registry.ok('mutation { createExchange(input: {id: "ex-wc", kind: SERVICE, providerId: "ag-water",'
                ' receiverId: "ag-city", titleFa: "خدمت به شهرداری", date: "1403/06/01"}) { id } }')  # fmt: skip
    return registry


def code_of(body: dict[str, Any]) -> str:
    return str(body["errors"][0]["extensions"]["code"])


def answer_without(body: dict[str, Any], ident: str) -> str:
    """An answer as text with the id it names blanked, to compare two answers exactly."""
    return json.dumps(body, ensure_ascii=False, sort_keys=True).replace(ident, "X")


# ---- item 1: idempotency keys ----------------------------------------------------------------


def test_two_agencies_with_one_idempotency_key_each_get_their_own_record(small: GraphQL) -> None:
    parks, water = small.as_role("agency", "ag-parks"), small.as_role("agency", "ag-water")
    mine = parks.ok(CREATE_NEED, k="order-X", a="ag-parks", t="نیاز خصوصی پارک‌ها", v=123)["createNeed"]
    theirs = water.ok(CREATE_NEED, k="order-X", a="ag-water", t="نیاز آبفا", v=456)["createNeed"]
    assert theirs["id"] != mine["id"]
    assert theirs == {"id": theirs["id"], "agencyId": "ag-water", "titleFa": "نیاز آبفا"}
    assert water.ok("query($id: ID!) { need(id: $id) { titleFa } }", id=theirs["id"])["need"] == {"titleFa": "نیاز آبفا"}
    stored = small.ok('{ needs(filter: {q: "نیاز"}, first: 50) { nodes { id agencyId } } }')["needs"]["nodes"]
    assert {(n["id"], n["agencyId"]) for n in stored} >= {(mine["id"], "ag-parks"), (theirs["id"], "ag-water")}


def test_a_replay_returns_the_same_record_and_another_input_is_a_mismatch(small: GraphQL) -> None:
    parks = small.as_role("agency", "ag-parks")
    first = parks.ok(CREATE_NEED, k="order-Y", a="ag-parks", t="یک بار", v=10)["createNeed"]["id"]
    assert parks.ok(CREATE_NEED, k="order-Y", a="ag-parks", t="یک بار", v=10)["createNeed"]["id"] == first
    refused = parks(CREATE_NEED, k="order-Y", a="ag-parks", t="یک بار", v=11)
    error = refused["errors"][0]["extensions"]
    assert error["code"] == "IDEMPOTENCY_MISMATCH" and error["field"] == "idempotencyKey"
    assert "order-Y" in error["messageEn"] and "کلید" in error["messageFa"]
    assert small.ok('{ needs(filter: {q: "یک بار"}) { totalCount } }')["needs"]["totalCount"] == 1
    # the key belongs to the operation too: the same key on another kind of create is a new record
    cap = parks.ok('mutation { createCapacity(idempotencyKey: "order-Y", input: {agencyId: "ag-parks", titleFa: "ظرفیت",'
                   ' kind: LAND}) { id } }')["createCapacity"]["id"]  # fmt: skip
    assert cap != first


def test_concurrent_creates_with_one_key_make_one_record(small: GraphQL) -> None:
    parks = small.as_role("agency", "ag-parks")
    variables = {"k": "order-Z", "a": "ag-parks", "t": "همزمان", "v": 7}

    def one(_: int) -> dict[str, Any]:
        with httpx.Client(base_url=str(small.client.base_url), timeout=30, headers=parks.headers) as client:
            return dict(client.post("/graphql", json={"query": CREATE_NEED, "variables": variables}).json())

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(one, range(8)))
    assert all(not r.get("errors") for r in results), results
    assert len({r["data"]["createNeed"]["id"] for r in results}) == 1
    assert small.ok('{ needs(filter: {q: "همزمان"}) { totalCount } }')["needs"]["totalCount"] == 1


# ---- item 4: aggregates, counts and traversals over the reader's view ---------------------------

STATS = """{ stats { requestsByStatus { status count } issuesByStatus { status count }
  exchangesByStatus { status count } exchangeTotals { kind jalaliYear count amount } } }"""
COUNTS = """{ needs { totalCount } issues { totalCount } exchanges { totalCount } requests { totalCount }
  y1399: exchanges(filter: {jalaliYear: 1399}) { totalCount } }"""


def test_stats_and_counts_of_an_agency_leave_out_others_private_records(small: GraphQL) -> None:
    everyone = small.ok(STATS)["stats"]
    assert {"kind": "FINANCIAL", "jalaliYear": 1399, "count": 1, "amount": float(BIG)} in everyone["exchangeTotals"]
    district = small.as_role("agency", "ag-d1")
    assert district.ok(STATS)["stats"] == {
        "requestsByStatus": [], "issuesByStatus": [], "exchangesByStatus": [], "exchangeTotals": [],
    }  # fmt: skip
    assert district.ok(COUNTS) == {k: {"totalCount": 0} for k in ("needs", "issues", "exchanges", "requests", "y1399")}
    # city is party to ex-1 (it gave) and ex-wc (it received) only: its totals are those two
    city = small.as_role("agency", "ag-city")
    totals = {(t["kind"], t["jalaliYear"]): (t["count"], t["amount"]) for t in city.ok(STATS)["stats"]["exchangeTotals"]}
    assert totals == {("FINANCIAL", 1403): (1, 2_000_000_000.0), ("SERVICE", 1403): (1, 0.0)}
    listed = city.ok("{ exchanges(first: 100) { totalCount nodes { id } } }")["exchanges"]
    assert listed["totalCount"] == 2 and {n["id"] for n in listed["nodes"]} == {"ex-1", "ex-wc"}
    assert city.ok(STATS)["stats"]["issuesByStatus"] == [{"status": "open", "count": 1}]  # it raised is-dig


TRAVERSE = """query($a: ID!) { agency(id: $a) { needs { id } issuesRaised { id } issuesReceived { id }
  exchangesGiven { id receiver { exchangesReceived { id } } } exchangesReceived { id }
  requestsSent { id } requestsReceived { id }
  workingGroups { group { members { agency { needs { id } exchangesGiven { id } requestsSent { id } } } } } } }"""


def _ids(value: Any) -> set[str]:
    """Every record id anywhere in an answer."""
    if isinstance(value, dict):
        found = {value["id"]} if isinstance(value.get("id"), str) else set()
        return found.union(*(_ids(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_ids(v) for v in value)) if value else set()
    return set()


def test_traversals_never_show_an_agency_others_private_records(small: GraphQL) -> None:
    district = small.as_role("agency", "ag-d1")
    for agency in ("ag-parks", "ag-water", "ag-city"):
        assert _ids(district.ok(TRAVERSE, a=agency)["agency"]) == set(), agency  # every record here is private
    # parks reads water's page: of water's exchanges it sees the two given to parks, not the one to city
    parks = small.as_role("agency", "ag-parks")
    page = parks.ok(TRAVERSE, a="ag-water")["agency"]
    assert {e["id"] for e in page["exchangesGiven"]} == {"ex-2", "ex-big"}
    assert page["needs"] == [] and page["requestsReceived"] == [{"id": "rq-1"}]
    assert "ex-wc" not in _ids(page) and "is-dig" not in _ids(page)
    # and through a lookup's nested fields: the provider of an exchange parks received
    nested = parks.ok('{ exchange(id: "ex-2") { provider { exchangesGiven { id } issuesReceived { id } } } }')
    assert {e["id"] for e in nested["exchange"]["provider"]["exchangesGiven"]} == {"ex-2", "ex-big"}
    assert nested["exchange"]["provider"]["issuesReceived"] == []


def test_analyses_are_refused_to_agencies_with_forbidden(small: GraphQL) -> None:
    district = small.as_role("agency", "ag-d1")
    assert code_of(district('{ analyses { winWin { opportunities { id } } } }')) == "FORBIDDEN"
    assert district.get("/analyses/collaboration.json").status_code == 403
    assert small.get("/analyses/collaboration.json").status_code == 200


# ---- item 9: what an agency may not see is answered like what does not exist -------------------


def test_moves_lookups_updates_and_links_on_others_records_answer_like_a_missing_id(small: GraphQL) -> None:
    city = small.as_role("agency", "ag-city")  # no party to rq-1 (parks -> water) nor to ne-parks
    move = 'mutation { moveRequest(id: "%s", to: DONE) { id status } }'
    hidden, missing = city(move % "rq-1"), city(move % "rq-missing")
    assert code_of(hidden) == "NOT_FOUND" and "details" not in hidden["errors"][0]["extensions"]
    assert answer_without(hidden, "rq-1") == answer_without(missing, "rq-missing")
    assert small.ok('{ request(id: "rq-1") { status version } }')["request"] == {"status": "ACKNOWLEDGED", "version": 1}  # unmoved

    for lookup in ('{ request(id: "%s") { id status } }', '{ need(id: "%s") { id titleFa } }'):
        ident = "rq-1" if "request" in lookup else "ne-parks"
        hidden, missing = city(lookup % ident), city(lookup % "zz-missing")
        assert hidden == missing and hidden["data"] == {lookup.split("(")[0][2:]: None}

    update = 'mutation { updateNeed(id: "%s", input: {titleEn: "x"}) { id } }'
    assert answer_without(city(update % "ne-parks"), "ne-parks") == answer_without(city(update % "ne-missing"), "ne-missing")

    file = 'mutation { fileRequest(input: {senderId: "ag-city", receiverId: "ag-parks", subject: "s", aboutId: "%s"}) { id } }'
    linked, nowhere = city(file % "ne-parks"), city(file % "ne-missing")
    assert code_of(linked) == "NOT_FOUND" and linked["errors"][0]["extensions"]["field"] == "aboutId"
    assert answer_without(linked, "ne-parks") == answer_without(nowhere, "ne-missing")
    assert small.ok('{ requests(filter: {senderId: "ag-city"}) { totalCount } }')["requests"]["totalCount"] == 0
    # an agency does not pick ids of private records: a taken id's DUPLICATE would reveal another's need
    chosen = city('mutation { createNeed(input: {id: "ne-parks", agencyId: "ag-city", titleFa: "x", kind: DATA}) { id } }')
    assert code_of(chosen) == "VALIDATION" and chosen["errors"][0]["extensions"]["field"] == "id"
    # what the filer may read it may link to: its own need, another's (shared) capacity, an issue it raised
    parks = small.as_role("agency", "ag-parks")
    to_water = 'mutation { fileRequest(input: {senderId: "%s", receiverId: "ag-water", subject: "s", aboutId: "%s"}) { aboutId } }'
    for sender, about in (("ag-parks", "ne-parks"), ("ag-parks", "ca-water"), ("ag-city", "is-dig")):
        client = parks if sender == "ag-parks" else city
        assert client.ok(to_water % (sender, about))["fileRequest"] == {"aboutId": about}


def test_the_repository_itself_restricts_every_read_for_an_agency(small: GraphQL) -> None:
    """Beneath every resolver, page and route: what a repository made for an agency serves."""
    from service.domain.actor import Actor, Role
    from service.graphql.context import Loaders
    from service.registry import specs as s
    from service.registry.repository import Repository
    from tests.conftest import run_on_store

    async def work(store: Any) -> dict[str, Any]:
        district = Repository(store, Actor("test-agency", Role.AGENCY, "ag-d1"))
        loaders = Loaders(district)
        return {
            "get_many": await district.get_many(s.NEED, ["ne-parks"]),
            "loader": await loaders.entity(s.EXCHANGE).load_many(["ex-1", "ex-big"]),
            "related": await district.related("exchange/given_by", ["ag-water", "ag-city"]),
            "page": await district.page(s.REQUEST, filters={"viewerId": None}),  # a caller's own viewerId is ignored
            "count": await district.count(s.ISSUE, filters={}),
            "counts": await district.status_counts("exchange"),
            "totals": await district.exchange_totals_by_day(),
            "steps": await district.steps(["rq-1"]),
            "all": len(await Repository(store).related("exchange/given_by", ["ag-water"])),
        }

    seen = run_on_store(small.settings, work)  # type: ignore[arg-type]
    assert seen == {"get_many": {}, "loader": [None, None], "related": [], "page": [], "count": 0,
                    "counts": [], "totals": [], "steps": {}, "all": 3}  # fmt: skip
