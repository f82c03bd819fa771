"""Issue 19 item 2: each issue carries its information source (seed 001's nine) and its level."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import GraphQL, run_on_store

SEED = Path("/work/shared/seeds/001_74955d5f0e91adbd.txt")
AGENCY = """mutation($i: AgencyInput!) { createAgency(input: $i) { id } }"""
ISSUE = """mutation($i: IssueInput!) { createIssue(input: $i) { id source sourceFa sourceEn level levelFa } }"""


def _two_agencies(gql: GraphQL) -> tuple[str, str]:
    a = gql.ok(AGENCY, i={"code": "D9", "nameFa": "شهرداری منطقه ۹", "kind": "DISTRICT", "level": "DISTRICT"})["createAgency"]["id"]
    b = gql.ok(AGENCY, i={"code": "ABFA", "nameFa": "آبفا", "kind": "UTILITY_COMPANY", "level": "EXTERNAL"})["createAgency"]["id"]
    return a, b


def test_the_nine_sources_are_seed_001s_in_its_order(registry: GraphQL) -> None:
    terms = registry.ok("{ issueSources { code position labelFa labelEn } }")["issueSources"]
    assert [t["position"] for t in terms] == list(range(1, 10))
    assert len({t["code"] for t in terms}) == 9 and all(t["labelEn"] for t in terms)
    if SEED.exists():  # each label's key words stand in the Persian original, in that order
        text = SEED.read_text(encoding="utf-8").replace("\u200c", " ")
        text = text[text.index("منبع اطلاعاتی"):]  # the list of nine, not the stakeholders before it
        keys = ["اعضای شورای اسلامی شهر", "شورای اجتماعی محلات", "شهرمن", "اسناد فرادست", "نخبگان شهری",
                "دستگاه های اجرایی شهری", "نشست های گفتمانی", "روندهای سازمانی", "نظام پیشنهادات"]
        at = [text.index(k) for k in keys]
        assert at == sorted(at)
        for term, key in zip(terms, keys, strict=True):
            assert key in term["labelFa"].replace("\u200c", " ")


def test_source_and_level_are_stored_filtered_grouped_and_patched(registry: GraphQL) -> None:
    d9, abfa = _two_agencies(registry)
    base = {"raisedById": d9, "concernsIds": [abfa], "category": "SERVICE_DELIVERY", "severity": "HIGH"}
    one = registry.ok(ISSUE, i=base | {"titleFa": "قطع آب", "source": "citizen_survey", "level": "DISTRICT"})["createIssue"]
    assert one["source"] == "citizen_survey" and one["level"] == "DISTRICT" and one["levelFa"] == "منطقه‌ای"
    assert "سامانه ۱۳۷" in one["sourceFa"] and "137" in one["sourceEn"]
    registry.ok(ISSUE, i=base | {"titleFa": "حفاری", "source": "council_interviews", "level": "HEADQUARTERS"})
    old = registry.ok(ISSUE, i=base | {"titleFa": "مسئلهٔ پیشین"})["createIssue"]  # recorded before intake had sources
    assert (old["source"], old["sourceFa"], old["level"], old["levelFa"]) == (None, None, None, None)
    q = "query($f: IssueFilter) { issues(filter: $f) { totalCount nodes { titleFa } } }"
    assert registry.ok(q, f={"source": "citizen_survey"})["issues"]["nodes"] == [{"titleFa": "قطع آب"}]
    assert registry.ok(q, f={"level": "HEADQUARTERS"})["issues"]["totalCount"] == 1
    assert registry.ok(q, f={})["issues"]["totalCount"] == 3
    where = registry.ok('{ issues(where: {level_IN: [DISTRICT, HEADQUARTERS], source_STARTS_WITH: "c"}) { totalCount } }')
    assert where["issues"]["totalCount"] == 2
    groups = registry.ok("{ issuesAggregate(groupBy: [SOURCE]) { groups { keys { value } count } } }")
    counts = {g["keys"][0]["value"]: g["count"] for g in groups["issuesAggregate"]["groups"]}
    assert counts == {"citizen_survey": 1, "council_interviews": 1, None: 1}
    patch = """mutation($id: ID!) { updateIssue(id: $id, input: {source: "agency_interviews", level: ORGANISATION}) { source level } }"""
    assert registry.ok(patch, id=old["id"])["updateIssue"] == {"source": "agency_interviews", "level": "ORGANISATION"}


def test_unknown_source_and_level_are_refused_and_nothing_is_stored(registry: GraphQL) -> None:
    d9, abfa = _two_agencies(registry)
    base = {"raisedById": d9, "concernsIds": [abfa], "category": "SERVICE_DELIVERY", "severity": "HIGH", "titleFa": "x"}
    err = registry.errors(ISSUE, i=base | {"source": "rumours"})[0]
    assert err["extensions"]["code"] == "VALIDATION" and err["extensions"]["field"] == "source"
    assert "در واژگان شناخته نیست" in err["extensions"]["messageFa"] and "'rumours'" in err["message"]
    assert registry.errors(ISSUE, i=base | {"level": "EXTERNAL"})  # not an intake level
    assert registry.ok("{ issues { totalCount } }")["issues"]["totalCount"] == 0
    bad = registry.errors('{ issues(filter: {source: "rumours"}) { totalCount } }')[0]
    assert bad["extensions"]["code"] == "VALIDATION" and "منبع اطلاعاتی شناخته نیست" in bad["extensions"]["messageFa"]


def test_an_issue_stored_without_the_fields_reads_back(registry: GraphQL, settings) -> None:  # type: ignore[no-untyped-def]
    """A record an older version wrote straight into the store (no source, no level properties)."""
    d9, abfa = _two_agencies(registry)

    async def work(store):  # type: ignore[no-untyped-def]
        await store.write("issue/create", {"id": "is-old", "props": {"titleFa": "قدیمی", "category": "legal", "severity": "low",
                                                                      "status": "open", "version": 1, "archived": False,
                                                                      "createdAt": "2024-01-01T00:00:00.000+00:00",
                                                                      "updatedAt": "2024-01-01T00:00:00.000+00:00", "search": "قدیمی"},
                                            "raisedById": d9, "concernsIds": [abfa], "blocksDutyId": None, "now": "2024-01-01",
                                            "idempotencyKey": None, "inputHash": None, "audit": {"id": "au-old"}})

    run_on_store(settings, work)
    got = registry.ok('{ issue(id: "is-old") { titleFa source sourceFa level levelFa intakeDecisions { id } } }')["issue"]
    assert got == {"titleFa": "قدیمی", "source": None, "sourceFa": None, "level": None, "levelFa": None, "intakeDecisions": []}


def test_demo_issues_come_from_several_sources_at_the_three_levels(demo: GraphQL) -> None:
    nodes = demo.ok("{ issues(first: 100) { nodes { id source level } } }")["issues"]["nodes"]
    assert all(n["source"] and n["level"] for n in nodes)
    assert len({n["source"] for n in nodes}) >= 7
    assert {n["level"] for n in nodes} == {"HEADQUARTERS", "ORGANISATION", "DISTRICT"}
