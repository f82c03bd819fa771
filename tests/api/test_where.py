"""``where`` filters, multi-field sorts and aggregates over GraphQL on the real store, each checked
against what the plain lists give, filtered in Python; and an agency's view of each of them."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import pytest

from service.text.persian import search_key
from tests.conftest import GraphQL


def every(gql: GraphQL, field: str, selection: str, args: str = "") -> list[dict[str, Any]]:
    """Every record of a list, page by page (the old arguments only)."""
    out: list[dict[str, Any]] = []
    after = None
    query = f"query($after: String) {{ {field}({args} first: 100, after: $after) {{ nodes {{ {selection} }} pageInfo {{ hasNextPage endCursor }} }} }}"
    while True:
        page = gql.ok(query, after=after)[field]
        out += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            return out
        after = page["pageInfo"]["endCursor"]


def where_ids(gql: GraphQL, field: str, where: dict[str, Any], type_name: str) -> tuple[list[str], int]:
    query = f"query($w: {type_name}Where) {{ {field}(where: $w, first: 100) {{ nodes {{ id }} totalCount }} }}"
    got = gql.ok(query, w=where)[field]
    return [n["id"] for n in got["nodes"]], got["totalCount"]


def test_equality_in_and_logic_match_python(demo: GraphQL) -> None:
    agencies = every(demo, "agencies", "id kind level code")
    kinds = sorted({a["kind"] for a in agencies})[:2]
    ids, total = where_ids(demo, "agencies", {"kind_IN": kinds}, "Agency")
    expected = {a["id"] for a in agencies if a["kind"] in kinds}
    assert set(ids) == expected and total == len(expected) > 0
    ids, _ = where_ids(demo, "agencies", {"NOT": {"kind_IN": kinds}}, "Agency")
    assert set(ids) == {a["id"] for a in agencies} - expected
    level = agencies[0]["level"]
    tree = {"OR": [{"kind": kinds[0]}, {"AND": [{"level": level}, {"NOT": {"kind": kinds[0]}}]}]}
    ids, total = where_ids(demo, "agencies", tree, "Agency")
    want = {a["id"] for a in agencies if a["kind"] == kinds[0] or a["level"] == level}
    assert set(ids) == want and total == len(want)


def test_ranges_on_money_and_jalali_or_iso_dates(demo: GraphQL) -> None:
    exchanges = every(demo, "exchanges", "id amount date dateJalali")
    amounts = sorted(e["amount"] for e in exchanges if e["amount"])
    middle = int(amounts[len(amounts) // 2])
    days = sorted(e["date"] for e in exchanges)
    low, high = days[len(days) // 4], days[3 * len(days) // 4]
    jalali_low = next(e["dateJalali"] for e in exchanges if e["date"] == low)
    tree = {"amountRials_GTE": middle, "date_GTE": jalali_low, "date_LT": high}
    ids, total = where_ids(demo, "exchanges", tree, "Exchange")
    want = {e["id"] for e in exchanges if e["amount"] and e["amount"] >= middle and low <= e["date"] < high}
    assert set(ids) == want and total == len(want)
    iso, _ = where_ids(demo, "exchanges", {"amountRials_GTE": middle, "date_GTE": low, "date_LT": high}, "Exchange")
    assert iso == ids  # the same day in either calendar


def test_search_key_contains_and_word_starts_with(demo: GraphQL) -> None:
    agencies = every(demo, "agencies", "id code nameFa nameEn")
    keys = {a["id"]: [search_key(a[f]) for f in ("code", "nameFa", "nameEn") if a[f]] for a in agencies}
    word = agencies[0]["nameFa"].split()[-1]
    ids, _ = where_ids(demo, "agencies", {"search_CONTAINS": word}, "Agency")
    assert agencies[0]["id"] in ids
    assert set(ids) == {a for a, k in keys.items() if any(search_key(word) in x for x in k)}
    prefix = agencies[0]["nameFa"][:4]  # a prefix of one field, written with a space or not
    starts, _ = where_ids(demo, "agencies", {"search_STARTS_WITH": prefix}, "Agency")
    assert agencies[0]["id"] in starts
    assert set(starts) == {a for a, k in keys.items() if any(x.startswith(search_key(prefix)) for x in k)}
    bad = demo.errors('{ agencies(where: {createdAt_GT: "1403/13/40"}) { totalCount } }')
    assert bad[0]["extensions"]["code"] == "VALIDATION"


def _requests(gql: GraphQL) -> list[dict[str, Any]]:
    return every(gql, "requests", "id senderId receiverId overdue status")


def test_relationship_filters_some_none_all_and_count(demo: GraphQL) -> None:
    agencies = {a["id"] for a in every(demo, "agencies", "id")}
    requests = _requests(demo)
    overdue_to = Counter(r["receiverId"] for r in requests if r["overdue"])
    received = Counter(r["receiverId"] for r in requests)
    assert overdue_to, "the demo has overdue requests"
    some, _ = where_ids(demo, "agencies", {"requestsReceived_SOME": {"overdue": True}}, "Agency")
    assert set(some) == set(overdue_to)
    none, _ = where_ids(demo, "agencies", {"requestsReceived_NONE": {"overdue": True}}, "Agency")
    assert set(none) == agencies - set(overdue_to)
    every_overdue, _ = where_ids(demo, "agencies", {"requestsReceived_ALL": {"overdue": True}}, "Agency")
    assert set(every_overdue) == {a for a in agencies if overdue_to[a] == received[a]}
    busy, total = where_ids(demo, "agencies", {"requestsReceived_COUNT_GT": 1}, "Agency")
    assert set(busy) == {a for a, n in received.items() if n > 1} and total == len(busy)
    idle, _ = where_ids(demo, "agencies", {"requestsReceived_COUNT": 0}, "Agency")
    assert set(idle) == agencies - set(received)
    # a to-one relationship, nested: requests whose sender is a district that received an overdue request
    kinds = {a["id"]: a["kind"] for a in every(demo, "agencies", "id kind")}
    tree = {"sender": {"kind": "DISTRICT", "requestsReceived_SOME": {"overdue": True}}}
    ids, _ = where_ids(demo, "requests", tree, "Request")
    assert set(ids) == {r["id"] for r in requests if kinds[r["senderId"]] == "DISTRICT" and overdue_to[r["senderId"]]}


def test_sort_by_a_related_count_then_a_field_with_stable_cursors(demo: GraphQL) -> None:
    overdue_to = Counter(r["receiverId"] for r in _requests(demo) if r["overdue"])
    agencies = every(demo, "agencies", "id nameFa")
    query = """query($after: String) { agencies(first: 4, after: $after,
        sortBy: [{requestsReceivedCount: {overdue: true}, desc: true}, {field: NAME}]) {
        nodes { id nameFa } pageInfo { hasNextPage endCursor } totalCount } }"""
    seen: list[dict[str, Any]] = []
    after = None
    while True:
        page = demo.ok(query, after=after)["agencies"]
        seen += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(agencies) == page["totalCount"]
    assert len({a["id"] for a in seen}) == len(seen)  # no record twice, none skipped
    keys = [(-overdue_to[a["id"]], a["nameFa"]) for a in seen]
    assert keys == sorted(keys)
    assert overdue_to[seen[0]["id"]] == max(overdue_to.values())
    other = demo.errors("query($a: String) { agencies(first: 4, after: $a, sortBy: [{field: CODE}]) { totalCount } }", a=after)
    assert other[0]["extensions"]["code"] == "BAD_CURSOR"  # a cursor is read only under its own sort and filter
    bad = demo.errors("{ agencies(sortBy: [{field: NAME, requestsReceivedCount: {}}]) { totalCount } }")
    assert "exactly one" in bad[0]["message"]


def test_sort_by_a_related_sum(demo: GraphQL) -> None:
    exchanges = every(demo, "exchanges", "id providerId amount kind")
    given: Counter[str] = Counter()
    for e in exchanges:
        if e["kind"] == "FINANCIAL":
            given[e["providerId"]] += int(e["amount"] or 0)
    query = """{ agencies(first: 100, sortBy: [{exchangesGivenSum: {field: AMOUNT_RIALS, where: {kind: FINANCIAL}}, desc: true},
        {field: CODE}]) { nodes { id code } } }"""
    nodes = demo.ok(query)["agencies"]["nodes"]
    keys = [(-given[a["id"]], a["code"]) for a in nodes]
    assert keys == sorted(keys) and given[nodes[0]["id"]] == max(given.values()) > 0


def test_exchange_aggregate_by_provider_and_jalali_year(demo: GraphQL) -> None:
    exchanges = every(demo, "exchanges", "id providerId jalaliYear amount kind")
    query = """{ exchangesAggregate(where: {kind: FINANCIAL}, groupBy: [PROVIDER, JALALI_YEAR]) {
        count numbers { field count sum min max average }
        groups { keys { field value } count numbers { field sum count average } } } }"""
    got = demo.ok(query)["exchangesAggregate"]
    financial = [e for e in exchanges if e["kind"] == "FINANCIAL"]
    assert got["count"] == len(financial) > 0
    sums: dict[tuple[str, str], float] = defaultdict(float)
    counts: Counter[tuple[str, str]] = Counter()
    for e in financial:
        key = (e["providerId"], str(e["jalaliYear"]))
        sums[key] += e["amount"] or 0
        counts[key] += 1
    groups = {tuple(k["value"] for k in g["keys"]): g for g in got["groups"]}
    assert set(groups) == set(counts)
    for key, g in groups.items():
        assert g["count"] == counts[key]
        assert g["numbers"][0]["sum"] == pytest.approx(sums[key])
    total = got["numbers"][0]
    amounts = [e["amount"] for e in financial if e["amount"] is not None]
    assert total["sum"] == pytest.approx(sum(amounts)) and total["max"] == max(amounts) and total["min"] == min(amounts)
    assert total["average"] == pytest.approx(sum(amounts) / len(amounts))


def test_a_traversal_takes_a_where(demo: GraphQL) -> None:
    requests = _requests(demo)
    receiver = Counter(r["receiverId"] for r in requests if r["overdue"]).most_common(1)[0][0]
    query = """query($id: ID!) { agency(id: $id) { all: requestsReceived { id }
        late: requestsReceived(where: {overdue: true}) { id } } }"""
    got = demo.ok(query, id=receiver)["agency"]
    want = [r["id"] for r in got["all"] if any(q["id"] == r["id"] and q["overdue"] for q in requests)]
    assert [r["id"] for r in got["late"]] == want and want


def test_old_filters_still_work_and_do_not_mix_with_where(demo: GraphQL) -> None:
    agencies = every(demo, "agencies", "id kind")
    kind = agencies[0]["kind"]
    old = demo.ok(f"{{ agencies(filter: {{kind: {kind}}}, first: 100) {{ totalCount }} }}")["agencies"]["totalCount"]
    assert old == sum(a["kind"] == kind for a in agencies)
    errors = demo.errors(f"{{ agencies(filter: {{kind: {kind}}}, where: {{}}) {{ totalCount }} }}")
    assert errors[0]["extensions"]["code"] == "VALIDATION"


def test_an_agency_sees_nothing_private_of_others_through_a_filter_count_or_sort(demo: GraphQL) -> None:
    requests = _requests(demo)
    exchanges = every(demo, "exchanges", "id providerId receiverId amount kind")
    me = Counter(r["senderId"] for r in requests).most_common(1)[0][0]
    agency = demo.as_role("agency", me)
    mine = [r for r in requests if me in (r["senderId"], r["receiverId"])]
    assert len(mine) < len(requests)
    ids, total = where_ids(agency, "requests", {}, "Request")
    assert set(ids) == {r["id"] for r in mine} and total == len(mine)
    # a relationship filter counts only the requests it may read
    overdue_seen = {r["receiverId"] for r in mine if r["overdue"]}
    some, total = where_ids(agency, "agencies", {"requestsReceived_SOME": {"overdue": True}}, "Agency")
    assert set(some) == overdue_seen and total == len(overdue_seen)
    busy, _ = where_ids(agency, "agencies", {"requestsReceived_COUNT_GTE": 1}, "Agency")
    assert set(busy) == {r["receiverId"] for r in mine}
    # a sort by a related count sorts by what it may read
    sorted_page = agency.ok("{ agencies(first: 100, sortBy: [{requestsReceivedCount: {}, desc: true}, {field: CODE}]) { nodes { id code } } }")
    seen = Counter(r["receiverId"] for r in mine)
    order = [(-seen[a["id"]], a["code"]) for a in sorted_page["agencies"]["nodes"]]
    assert order == sorted(order)
    # a sort by a related sum sums what it may read
    own_given: Counter[str] = Counter()
    for e in exchanges:
        if me in (e["providerId"], e["receiverId"]):
            own_given[e["providerId"]] += int(e["amount"] or 0)
    query = "{ agencies(first: 100, sortBy: [{exchangesGivenSum: {field: AMOUNT_RIALS}, desc: true}, {field: CODE}]) { nodes { id code } } }"
    by_sum = [(-own_given[a["id"]], a["code"]) for a in agency.ok(query)["agencies"]["nodes"]]
    assert by_sum == sorted(by_sum)
    # aggregates and traversal filters: only its own exchanges
    own = [e for e in exchanges if me in (e["providerId"], e["receiverId"])]
    got = agency.ok("{ exchangesAggregate { count numbers { sum } } }")["exchangesAggregate"]
    assert got["count"] == len(own) < len(exchanges)
    assert (got["numbers"][0]["sum"] or 0) == pytest.approx(sum(e["amount"] or 0 for e in own))
    other = next(r["receiverId"] for r in requests if me not in (r["senderId"], r["receiverId"]))
    query = "query($id: ID!) { agency(id: $id) { requestsReceived(where: {}) { id } } }"
    theirs = agency.ok(query, id=other)["agency"]["requestsReceived"]
    assert {r["id"] for r in theirs} <= {r["id"] for r in mine}


def test_by_id_lists_take_a_where(demo: GraphQL) -> None:
    duties = every(demo, "duties", "id supportAgencies { id kind }")
    duty = max(duties, key=lambda d: len({a["kind"] for a in d["supportAgencies"]}))
    kind = duty["supportAgencies"][0]["kind"]
    query = "query($id: ID!, $w: AgencyWhere) { duty(id: $id) { supportAgencies(where: $w) { id } } }"
    got = demo.ok(query, id=duty["id"], w={"kind": kind})["duty"]["supportAgencies"]
    assert [a["id"] for a in got] == [a["id"] for a in duty["supportAgencies"] if a["kind"] == kind]
    assert 0 < len(got) < len(duty["supportAgencies"])  # the filter kept some and dropped some
    groups = every(demo, "workingGroups", "id duties { id functionCode }")
    group = max(groups, key=lambda g: len(g["duties"]))
    prefix = group["duties"][0]["functionCode"][:2]
    query = "query($id: ID!, $w: DutyWhere) { workingGroup(id: $id) { duties(where: $w) { id } } }"
    got = demo.ok(query, id=group["id"], w={"functionCode_STARTS_WITH": prefix})["workingGroup"]["duties"]
    assert [d["id"] for d in got] == [d["id"] for d in group["duties"] if d["functionCode"].startswith(prefix)]
    assert got and len(demo.ok(query, id=group["id"], w={"functionCode": "99.9"})["workingGroup"]["duties"]) == 0
