"""Issue 19 item 2: issue clusters become proposals the committee decides, and the approved list goes up
the chain of councils; each step and each refusal over GraphQL on the real store, an agency's view too."""

from __future__ import annotations

from typing import Any

from tests.conftest import GraphQL

PROPOSALS = """{ issueProposals { key rank titleFa merged memberIds members { id source level } raiserIds
  decision { id outcome priority ownerAgencyId reason decidedBy at atJalali owner { id } } history { id } } }"""
DECIDE = """mutation($key: String!, $o: ProposalOutcome!, $why: String!, $p: Int, $owner: ID, $r: Int) {
  decideIssueProposal(key: $key, outcome: $o, reason: $why, priority: $p, ownerAgencyId: $owner, expectedRound: $r) {
    id proposalKey outcome priority ownerAgencyId reason decidedBy role memberIds members { id } } }"""
CHAIN = """{ intakeChain { roundVersion listHash approved { proposalKey priority titleFa }
  steps { code position nameFa status decision { outcome reason listHash itemCount decidedBy } history { id } } } }"""
COUNCIL = """mutation($b: String!, $o: CouncilOutcome!, $why: String!, $r: Int) {
  decideIntakeList(body: $b, outcome: $o, reason: $why, expectedRound: $r) { roundVersion listHash steps { code status } } }"""


def _proposals(gql: GraphQL) -> list[dict[str, Any]]:
    return list(gql.ok(PROPOSALS)["issueProposals"])


def _by_member(props: list[dict[str, Any]], issue_id: str) -> dict[str, Any]:
    return next(p for p in props if issue_id in p["memberIds"])


def _code(gql: GraphQL, doc: str, **variables: Any) -> tuple[str, str, str | None]:
    err = gql.errors(doc, **variables)[0]
    return err["extensions"]["code"], err["extensions"]["messageFa"], err["extensions"].get("field")


def test_proposals_are_the_ranked_clusters_with_stable_keys_and_the_demo_decisions(demo: GraphQL) -> None:
    props = _proposals(demo)
    assert [p["rank"] for p in props] == list(range(1, len(props) + 1))
    dig = _by_member(props, "is-excavation-civil")
    # four issues of four raisers from three sources at two levels: one proposal
    assert dig["merged"] and len(dig["memberIds"]) == 4 and len(dig["raiserIds"]) == 4
    assert len({m["source"] for m in dig["members"]}) == 3 and {m["level"] for m in dig["members"]} == {"HEADQUARTERS", "DISTRICT"}
    assert dig["decision"]["outcome"] == "MERGE" and dig["decision"]["priority"] == 1
    assert dig["decision"]["owner"]["id"] == "ag-dep-civil" and dig["decision"]["reason"] and dig["decision"]["decidedBy"]
    assert dig["decision"]["atJalali"].startswith("14")
    assert _proposals(demo) == props  # the same registry, the same keys
    rejected = _by_member(props, "is-plan-reporting")["decision"]
    assert rejected["outcome"] == "REJECT" and rejected["priority"] is None
    chain = demo.ok(CHAIN)["intakeChain"]
    assert [a["priority"] for a in chain["approved"]] == [1, 2, 3, 4, 5]
    assert [(s["code"], s["status"]) for s in chain["steps"]] == [
        ("planning_committee", "committee"), ("strategy_commission", "approved"), ("supreme_council", "approved"),
        ("city_council", "awaiting")]  # fmt: skip
    assert chain["steps"][1]["decision"]["listHash"] == chain["listHash"] and chain["steps"][1]["decision"]["itemCount"] == 5


def test_a_committee_decision_is_recorded_with_who_when_why_and_audited(demo: GraphQL) -> None:
    props = _proposals(demo)
    signal = _by_member(props, "is-intake-signal-timing")
    assert signal["decision"] is None
    before = demo.ok(CHAIN)["intakeChain"]
    made = demo.ok(DECIDE, key=signal["key"], o="KEEP", why="چراغ‌ها پیش از اربعین هماهنگ شوند", p=6, owner="ag-traffic",
                   r=before["roundVersion"])["decideIssueProposal"]  # fmt: skip
    assert (made["outcome"], made["priority"], made["ownerAgencyId"], made["role"]) == ("KEEP", 6, "ag-traffic", "directorate")
    assert made["decidedBy"] == "test-directorate" and made["members"] == [{"id": "is-intake-signal-timing"}]
    audit = demo.ok('query($id: ID) { auditEvents(entityId: $id) { nodes { action entity actor after } } }', id=made["id"])
    event = audit["auditEvents"]["nodes"][0]
    assert (event["action"], event["entity"], event["actor"]) == ("decide_proposal", "IntakeDecision", "test-directorate")
    assert event["after"]["reason"] == "چراغ‌ها پیش از اربعین هماهنگ شوند" and event["after"]["priority"] == 6
    # the list changed: the councils' approvals were of the old list, so the climb starts again
    after = demo.ok(CHAIN)["intakeChain"]
    assert after["roundVersion"] == before["roundVersion"] + 1 and after["listHash"] != before["listHash"]
    assert [s["status"] for s in after["steps"]] == ["committee", "awaiting", "waiting", "waiting"]
    assert len(after["steps"][1]["history"]) == 1  # the old approval is kept in the history
    # a second decision on the same proposal supersedes the first; both stay
    demo.ok(DECIDE, key=signal["key"], o="REJECT", why="در طرح ترافیکی اربعین پیگیری می‌شود")
    again = _by_member(_proposals(demo), "is-intake-signal-timing")
    assert again["decision"]["outcome"] == "REJECT" and len(again["history"]) == 2


def test_committee_refusals(demo: GraphQL) -> None:
    props = _proposals(demo)
    single = _by_member(props, "is-trees-powerlines")["key"]
    merged = _by_member(props, "is-excavation-civil")["key"]
    n = len(props)
    assert _code(demo, DECIDE, key="ip-000000000000", o="KEEP", why="دلیل", p=1, owner="ag-parks")[0] == "NOT_FOUND"
    code, fa, field = _code(demo, DECIDE, key=single, o="MERGE", why="دلیل کافی", p=1, owner="ag-parks")
    assert (code, field) == ("VALIDATION", "outcome") and "چیزی برای تلفیق نیست" in fa
    assert _code(demo, DECIDE, key=single, o="KEEP", why="دلیل کافی", owner="ag-parks")[2] == "priority"
    assert _code(demo, DECIDE, key=single, o="KEEP", why="دلیل کافی", p=n + 1, owner="ag-parks")[2] == "priority"
    assert _code(demo, DECIDE, key=single, o="KEEP", why="دلیل کافی", p=1)[2] == "ownerAgencyId"
    assert _code(demo, DECIDE, key=single, o="REJECT", why="دلیل کافی", p=2)[2] == "priority"
    assert _code(demo, DECIDE, key=single, o="KEEP", why="  ", p=1, owner="ag-parks")[2] == "reason"
    assert _code(demo, DECIDE, key=single, o="KEEP", why="دلیل کافی", p=1, owner="ag-nowhere")[:1] == ("NOT_FOUND",)
    stale = demo.ok(CHAIN)["intakeChain"]["roundVersion"] - 1
    assert _code(demo, DECIDE, key=merged, o="MERGE", why="دلیل کافی", p=1, owner="ag-abfa", r=stale)[0] == "VERSION_CONFLICT"
    analyst = demo.as_role("analyst")
    assert _code(analyst, DECIDE, key=single, o="REJECT", why="دلیل کافی")[0] == "FORBIDDEN"
    agency = demo.as_role("agency", "ag-power")
    assert _code(agency, DECIDE, key=single, o="REJECT", why="دلیل کافی")[0] == "FORBIDDEN"
    assert _code(agency, PROPOSALS)[0] == "FORBIDDEN" and _code(agency, CHAIN)[0] == "FORBIDDEN"
    assert analyst.ok(CHAIN)["intakeChain"]["steps"]  # analysts read
    assert _by_member(_proposals(demo), "is-trees-powerlines")["decision"] is None  # nothing was recorded


def test_the_list_climbs_the_chain_in_order(demo: GraphQL) -> None:
    chain = demo.ok(CHAIN)["intakeChain"]
    code, fa, _ = _code(demo, COUNCIL, b="planning_committee", o="APPROVED", why="تصویب")
    assert code == "VALIDATION" and "تک‌تک پیشنهادها" in fa
    assert _code(demo, COUNCIL, b="atlantis", o="APPROVED", why="تصویب")[0] == "VALIDATION"
    assert _code(demo, COUNCIL, b="supreme_council", o="APPROVED", why="دوباره")[0] == "ALREADY_DECIDED"
    assert _code(demo, COUNCIL, b="city_council", o="APPROVED", why="تصویب", r=chain["roundVersion"] - 1)[0] == "VERSION_CONFLICT"
    assert _code(demo.as_role("analyst"), COUNCIL, b="city_council", o="APPROVED", why="تصویب")[0] == "FORBIDDEN"
    done = demo.ok(COUNCIL, b="city_council", o="APPROVED", why="تصویب در صحن شورا", r=chain["roundVersion"])["decideIntakeList"]
    assert [s["status"] for s in done["steps"]] == ["committee", "approved", "approved", "approved"]
    # the committee changes the list: the commission must decide first; the supreme council may not jump ahead
    trees = _by_member(_proposals(demo), "is-trees-powerlines")["key"]
    demo.ok(DECIDE, key=trees, o="KEEP", why="هرس اصولی با برق هماهنگ شود", p=6, owner="ag-parks")
    code, fa, _ = _code(demo, COUNCIL, b="supreme_council", o="APPROVED", why="تصویب")
    assert code == "CHAIN_ORDER" and "کمیسیون ابعاد راهبردی" in fa
    back = demo.ok(COUNCIL, b="strategy_commission", o="RETURNED", why="متولی هرس باید شرکت برق باشد")["decideIntakeList"]
    assert [s["status"] for s in back["steps"]] == ["committee", "returned", "waiting", "waiting"]
    assert _code(demo, COUNCIL, b="supreme_council", o="APPROVED", why="تصویب")[0] == "CHAIN_ORDER"
    demo.ok(DECIDE, key=trees, o="KEEP", why="متولی: شرکت توزیع برق", p=6, owner="ag-power")
    up = demo.ok(COUNCIL, b="strategy_commission", o="APPROVED", why="اصلاح شد")["decideIntakeList"]
    assert [s["status"] for s in up["steps"]] == ["committee", "approved", "awaiting", "waiting"]


def test_an_empty_list_cannot_go_up(registry: GraphQL) -> None:
    code, fa, _ = _code(registry, COUNCIL, b="strategy_commission", o="APPROVED", why="تصویب")
    assert code == "INTAKE_LIST_EMPTY" and "فهرستی برای ارسال نیست" in fa
    steps = registry.ok(CHAIN)["intakeChain"]["steps"]
    assert [s["status"] for s in steps] == ["committee", "waiting", "waiting", "waiting"]


ISSUE_DECISIONS = """query($id: ID!) { issue(id: $id) { id intakeDecisions { outcome priority titleFa memberIds owner { id } } } }"""
ALL = "{ intakeDecisions { proposalKey outcome memberIds titleFa } }"


def test_an_agency_sees_the_decisions_on_its_own_issues_only(demo: GraphQL) -> None:
    everything = demo.ok(ALL)["intakeDecisions"]
    assert len(everything) == 6
    # the gas company is concerned by the excavation issues, raised none of the others decided
    gas = demo.as_role("agency", "ag-gas")
    mine = gas.ok(ALL)["intakeDecisions"]
    assert [d["outcome"] for d in mine] == ["MERGE"]
    assert set(mine[0]["memberIds"]) == {"is-excavation-civil", "is-excavation-council", "is-excavation-d10", "is-intake-d9-sidewalks"}
    on_issue = gas.ok(ISSUE_DECISIONS, id="is-excavation-d10")["issue"]["intakeDecisions"]
    assert on_issue[0]["priority"] == 1 and on_issue[0]["owner"] == {"id": "ag-dep-civil"}
    # district 9 raised one of the four: it reads the decision, but not the ids or title of issues it is no party to
    d9 = demo.as_role("agency", "ag-d9").ok(ALL)["intakeDecisions"]
    assert len(d9) == 1 and d9[0]["memberIds"] == ["is-intake-d9-sidewalks"]
    assert d9[0]["titleFa"].startswith("حفاری دوباره پیاده‌روهای")
    # the parks organisation is party to none of the decided proposals
    assert demo.as_role("agency", "ag-parks").ok(ALL)["intakeDecisions"] == []
    # a decision on a proposal it is no party to, asked by key, answers like a missing one
    key = next(d["proposalKey"] for d in everything if d["outcome"] == "REJECT")
    assert demo.as_role("agency", "ag-parks").ok("query($k: String) { intakeDecisions(proposalKey: $k) { id } }", k=key) == {"intakeDecisions": []}


def test_two_decisions_against_one_round_make_one_record(demo: GraphQL, settings) -> None:  # type: ignore[no-untyped-def]
    """The statements themselves refuse a stale round (the guard under Neo4j's read committed), and two
    concurrent decisions checked against the same round leave exactly one."""
    from concurrent.futures import ThreadPoolExecutor

    from tests.conftest import run_on_store

    props = _proposals(demo)
    keys = [_by_member(props, i)["key"] for i in ("is-trees-powerlines", "is-park-wells")]
    now = demo.ok(CHAIN)["intakeChain"]["roundVersion"]

    async def stale(store):  # type: ignore[no-untyped-def]
        decide = await store.write("intake/decide", {"id": "idc-x", "props": {"proposalKey": "k"}, "memberIds": [],
                                                     "ownerAgencyId": None, "expectedVersion": now - 1, "now": "t",
                                                     "audit": {"id": "au-x"}})  # fmt: skip
        council = await store.write("intake/council_decide", {"id": "cdc-x", "props": {}, "expectedVersion": now - 1,
                                                              "now": "t", "audit": {"id": "au-y"}})  # fmt: skip
        return decide, council

    assert run_on_store(settings, stale) == ([], [])
    with ThreadPoolExecutor(2) as pool:
        bodies = list(pool.map(lambda k: demo(DECIDE, key=k, o="KEEP", why="هم‌زمان", p=7, owner="ag-parks", r=now), keys))
    made = [b for b in bodies if not b.get("errors")]
    refused = [b["errors"][0]["extensions"]["code"] for b in bodies if b.get("errors")]
    assert len(made) == 1 and refused == ["VERSION_CONFLICT"]
    assert demo.ok(CHAIN)["intakeChain"]["roundVersion"] == now + 1
    assert len(demo.ok(ALL)["intakeDecisions"]) == 7


def test_a_decided_proposal_whose_issues_changed_can_only_be_withdrawn(demo: GraphQL) -> None:
    old = _by_member(_proposals(demo), "is-intake-samen-toilets")
    assert old["decision"]["outcome"] == "MERGE"
    demo.ok("""mutation($i: IssueInput!) { createIssue(input: $i) { id } }""", i={
        "raisedById": "ag-dep-social", "concernsIds": ["ag-abfa"], "titleFa": "قطع مکرر آب سرویس‌های بهداشتی مسیر زائران در ایام اربعین",
        "category": "SERVICE_DELIVERY", "severity": "HIGH", "source": "civil_society_forums", "level": "HEADQUARTERS"})  # fmt: skip
    now = _by_member(_proposals(demo), "is-intake-samen-toilets")
    assert len(now["memberIds"]) == 3 and now["key"] != old["key"] and now["decision"] is None  # a new proposal
    code, fa, field = _code(demo, DECIDE, key=old["key"], o="KEEP", why="دوباره", p=1, owner="ag-abfa")
    assert (code, field) == ("VALIDATION", "outcome") and "تنها می‌توان آن را کنار گذاشت" in fa
    assert old["key"] in {a["proposalKey"] for a in demo.ok(CHAIN)["intakeChain"]["approved"]}
    demo.ok(DECIDE, key=old["key"], o="REJECT", why="جای خود را به پیشنهاد سه‌مسئله‌ای داد")
    assert old["key"] not in {a["proposalKey"] for a in demo.ok(CHAIN)["intakeChain"]["approved"]}
    made = demo.ok(DECIDE, key=now["key"], o="MERGE", why="سه گزارش یک مشکل", p=4, owner="ag-abfa")["decideIssueProposal"]
    assert len(made["memberIds"]) == 3


def test_a_configured_chain_replaces_seed_001s(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """HAMAHANG_INTAKE_CHAIN gives the bodies (the committee first); the demo then records no council
    decision of the default chain, and the first configured council is the one to decide."""
    from service.registry.intake_chain import chain_of, council_decisions, steps
    from service.settings import ChainBody, Settings
    from tests.conftest import run_on_store

    custom = Settings(intake_chain=[ChainBody(code="district_committee", fa="کمیته منطقه"),
                                    ChainBody(code="hq_council", fa="شورای هماهنگی ستاد", en="HQ coordination council")])
    chain = chain_of(custom)
    assert [(b.code, b.position, b.en) for b in chain] == [("district_committee", 1, "district_committee"), ("hq_council", 2, "HQ coordination council")]

    async def work(store):  # type: ignore[no-untyped-def]
        from service.demo.intake import load_intake_demo
        from service.demo.loader import demo_bundle
        from service.registry.bundle import import_bundle

        await store.wipe()
        await import_bundle(store, demo_bundle())
        await load_intake_demo(store, custom)
        return await council_decisions(store)

    assert run_on_store(settings, work) == []
    state = steps(chain, [], "h", True)
    assert [(s.body.code, s.status) for s in state] == [("district_committee", "committee"), ("hq_council", "awaiting")]


def test_decisions_on_a_list_of_issues_are_read_in_one_statement(demo: GraphQL) -> None:
    doc = "{ issues(first: 50) { nodes { id intakeDecisions { outcome } } } }"
    body = demo(doc)
    nodes = body["data"]["issues"]["nodes"]
    decided = {i for d in demo.ok(ALL)["intakeDecisions"] for i in d["memberIds"]}
    assert len(nodes) >= 20 and {n["id"] for n in nodes if n["intakeDecisions"]} == decided and len(decided) == 10
    plain = demo("{ issues(first: 50) { nodes { id } } }")
    assert body["extensions"]["storeQueries"] == plain["extensions"]["storeQueries"] + 1
