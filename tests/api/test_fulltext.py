"""Full-text ``q`` over GraphQL on the real store: FalkorDB's index over the normalised words answers
``q`` alone, best match first; CONTAINS still answers what the index cannot (a fragment inside a
word); an agency finds only what it may read, and its count says so."""

from __future__ import annotations

import pytest

from service.registry import fulltext
from service.registry.fulltext import INDEXED, backfill_words
from service.registry.specs import SPECS
from service.storage.falkor import FalkorStore
from service.storage.queries import QueryLibrary
from tests.conftest import GraphQL, run_on_store

DUTIES = "query($q: String) { duties(filter: {q: $q}) { totalCount nodes { id } } }"


def _agency(registry: GraphQL, code: str, name: str) -> str:
    made = registry.ok("mutation($i: AgencyInput!) { createAgency(input: $i) { id } }",
                       i={"code": code, "nameFa": name, "kind": "NGO", "level": "EXTERNAL"})  # fmt: skip
    return str(made["createAgency"]["id"])


def _duty(registry: GraphQL, agency: str, title: str, description: str | None = None) -> str:
    made = registry.ok("mutation($i: DutyInput!) { createDuty(input: $i) { id } }",
                       i={"agencyId": agency, "titleFa": title, "descriptionFa": description, "functionCode": "06.2"})  # fmt: skip
    return str(made["createDuty"]["id"])


def _found(registry: GraphQL, q: str) -> tuple[list[str], int]:
    got = registry.ok(DUTIES, q=q)["duties"]
    return [n["id"] for n in got["nodes"]], int(got["totalCount"])


def test_q_alone_is_ranked_by_the_index_with_persian_normalisation(registry: GraphQL) -> None:
    parks = _agency(registry, "P", "سازمان پارک‌ها")
    # made in an order unlike the rank, so a list in creation order (CONTAINS) would fail below
    prefix = _duty(registry, parks, "ساخت پاركينگ طبقاتي")  # only a word beginning with it (Arabic kaf/yeh)
    passing = _duty(registry, parks, "نگهداری معابر شهری", "که گاهی به پارک هم می‌رسد")  # the word, apart
    exact = _duty(registry, parks, "نگهداري پارك")  # the words side by side, Arabic kaf and yeh
    _duty(registry, parks, "جمع‌آوری پسماند")
    ids, total = _found(registry, "پارک")  # searched with Persian kaf: the same word to the index
    assert set(ids[:2]) == {exact, passing} and ids[2:] == [prefix] and total == 3  # the whole word first
    # both words, apart in one record and side by side in another: the index finds both, closer
    # first, where CONTAINS on the search key finds only the side-by-side one
    assert _found(registry, "نگهداری پارک") == ([exact, passing], 2)
    # the written-together form of a half-spaced word finds it (ZWNJ joins, as the search key does)
    zwnj = _duty(registry, parks, "پایش آب‌های زیرزمینی")
    assert _found(registry, "آبهای")[0] == [zwnj]
    assert _found(registry, "آب های")[0] == [zwnj]  # written apart: the words-together alternative


def test_contains_answers_where_the_index_cannot(registry: GraphQL) -> None:
    parks = _agency(registry, "P", "سازمان پارک‌ها")
    green = _duty(registry, parks, "نگهداری فضای سبز")
    _duty(registry, parks, "جمع‌آوری پسماند")
    assert _found(registry, "ضای سب") == ([green], 1)  # a fragment inside words: no word begins so
    # with another filter or a sort, the plain statement's CONTAINS answers (and keeps its order)
    sorted_ = registry.ok('{ duties(filter: {q: "سبز"}, sort: TITLE) { totalCount nodes { id } } }')["duties"]
    assert [n["id"] for n in sorted_["nodes"]] == [green] and sorted_["totalCount"] == 1


def test_a_q_too_common_to_rank_is_answered_whole_by_contains(registry: GraphQL, monkeypatch: pytest.MonkeyPatch) -> None:
    parks = _agency(registry, "P", "سازمان پارک‌ها")
    made = [_duty(registry, parks, title) for title in ("ساخت پارکینگ", "نگهداری پارک", "پارک بانوان")]
    monkeypatch.setattr(fulltext, "MAX_HITS", 2)  # the live app runs in this process: 3 matches are "too many"
    assert _found(registry, "پارک") == (made, 3)  # every match, in the list's own order (created)
    monkeypatch.setattr(fulltext, "MAX_HITS", 10)
    ids, total = _found(registry, "پارک")
    assert ids[-1] == made[0] and total == 3  # ranked again: the prefix-only match last


def test_archived_records_only_when_asked(registry: GraphQL) -> None:
    parks = _agency(registry, "P", "سازمان پارک‌ها")
    old = _duty(registry, parks, "نگهداری باغ گیاه‌شناسی")
    registry.ok("mutation($id: ID!) { archiveDuty(id: $id) { id } }", id=old)
    assert _found(registry, "باغ") == ([], 0)
    got = registry.ok('{ duties(filter: {q: "باغ", includeArchived: true}) { totalCount nodes { id } } }')["duties"]
    assert [n["id"] for n in got["nodes"]] == [old] and got["totalCount"] == 1


def test_an_agency_finds_only_requests_it_is_party_to(registry: GraphQL) -> None:
    a, b, c = (_agency(registry, code, name) for code, name in (("A", "الف"), ("B", "ب"), ("C", "ج")))
    filed = "mutation($s: String!, $r: String!, $t: String!) { fileRequest(input: {senderId: $s, receiverId: $r, subject: $t}) { id } }"
    mine = registry.ok(filed, s=a, r=b, t="درخواست لوله‌کشی گاز")["fileRequest"]["id"]
    theirs = registry.ok(filed, s=b, r=c, t="درخواست لوله‌کشی گاز دوم")["fileRequest"]["id"]
    query = '{ requests(filter: {q: "لوله"}) { totalCount nodes { id } } }'
    everyone = registry.ok(query)["requests"]
    assert {n["id"] for n in everyone["nodes"]} == {mine, theirs} and everyone["totalCount"] == 2
    as_a = registry.as_role("agency", a).ok(query)["requests"]
    assert [n["id"] for n in as_a["nodes"]] == [mine] and as_a["totalCount"] == 1
    as_c = registry.as_role("agency", c).ok(query)["requests"]
    assert [n["id"] for n in as_c["nodes"]] == [theirs] and as_c["totalCount"] == 1


def test_pages_of_ranked_hits_do_not_overlap(registry: GraphQL) -> None:
    parks = _agency(registry, "P", "سازمان پارک‌ها")
    made = {_duty(registry, parks, f"پارک شماره {n}") for n in range(5)}
    page = 'query($a: String) { duties(filter: {q: "پارک"}, first: 2, after: $a) { totalCount nodes { id } pageInfo { endCursor hasNextPage } } }'
    seen: list[str] = []
    after = None
    while True:
        got = registry.ok(page, a=after)["duties"]
        seen += [n["id"] for n in got["nodes"]]
        assert got["totalCount"] == 5
        if not got["pageInfo"]["hasNextPage"]:
            break
        after = got["pageInfo"]["endCursor"]
    assert sorted(seen) == sorted(made)


def test_records_stored_before_the_index_get_their_words(registry: GraphQL) -> None:
    parks = _agency(registry, "P", "سازمان پارک‌ها")
    duty = _duty(registry, parks, "نگهداری گلخانه")
    assert registry.settings is not None

    async def forget_then_backfill(store: FalkorStore) -> tuple[int, int]:
        # a graph the previous version wrote: no `words` (test set-up only, not a service statement)
        await store._graph.query("MATCH (n) WHERE n.words IS NOT NULL REMOVE n.words")
        return await backfill_words(store, batch=1), await backfill_words(store)

    filled, again = run_on_store(registry.settings, forget_then_backfill)
    assert filled == 2 and again == 0  # the agency and the duty, a batch of one at a time; then nothing
    assert _found(registry, "گلخانه") == ([duty], 1)


def test_the_backfill_writes_each_record_by_a_seek_not_a_scan(registry: GraphQL) -> None:
    """`WHERE id(n) = row.nid` was planned as a scan of every node for each row: on 5.7 M records one batch
    ran for minutes beside the service's start. FalkorDB's own plan of the statement, as the service sends it."""
    assert registry.settings is not None

    async def plan(store: FalkorStore) -> list[str]:
        text = QueryLibrary.load()["search/set_words"]
        rows = [{"nid": 0, "id": "x", "words": "w"}]
        reply = await store._graph.explain(text, {"rows": rows})
        return [str(step).strip() for step in reply.plan] if hasattr(reply, "plan") else [str(reply)]

    steps = run_on_store(registry.settings, plan)
    assert any("NodeByIdSeek" in s for s in steps) and not any("All Node Scan" in s for s in steps), steps


def test_each_backend_runs_its_own_full_text_statement() -> None:
    library = QueryLibrary.load()
    assert library.pick("search/fulltext", "falkordb")[0] == "search/fulltext.falkordb"
    assert library.pick("search/fulltext", "neo4j")[0] == "search/fulltext.neo4j"
    assert library.pick("duty/list", "neo4j")[0] == "duty/list"
    assert "search/fulltext.neo4j" not in library.shared() and "search/fulltext.falkordb" in library.shared()
    falkor, neo4j = library["schema/fulltext.falkordb"], library["schema/fulltext.neo4j"]
    for key in INDEXED:
        assert f"'{SPECS[key].label}'" in falkor and f"words_{key} IF NOT EXISTS FOR (n:{SPECS[key].label})" in neo4j
