"""Win-win: the registry's present state, units, the value model, and an exact, deterministic plan."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from service.analysis import packing
from service.analysis.snapshot import Snapshot
from service.analysis.units import cover
from service.analysis.winwin import Match, analyse_winwin
from service.analysis.winwin_sensitivity import IN_CHILD, SCENARIOS
from service.settings import WinWinParams
from tests.conftest import GraphQL

TODAY = "2026-11-30"
REPORT = """{ analyses { winWin {
  reciprocalPairs { id agencyIds chosen matches { capacityId targetId } }
  cycles { id agencyIds chosen carriers everyoneGains parties { agencyId gainsRials givesRials netRials }
           matches { capacityId targetId providerId receiverId benefitSource costSource cover unit netRials } }
  chosen { id matches { capacityId targetId inPlace } } totalChosenRials optimal gap boundRials today
  inPlace { capacityId targetId inPlace }
  matches { capacityId targetId }
  leftOut assumptions sensitivity { scenario sameSet }
  matrix { cells { row col value } }
} } }"""


def _res(ident: str, agency: str, title: str, kind: str, **extra: object) -> dict:
    return {"id": ident, "agencyId": agency, "titleFa": title, "kind": kind, **extra}


def _snap(caps: list[dict], needs: list[dict], **more: list[dict]) -> Snapshot:
    agencies = sorted({r["agencyId"] for r in caps + needs})
    return Snapshot(rows={"agency": [{"id": a, "nameFa": a} for a in agencies], "capacity": caps, "need": needs,
                          "issue": [], **more})  # fmt: skip


def test_reciprocal_pair_planted_in_code() -> None:
    snap = _snap(
        [_res("ca-a", "a", "دستگاه حفاری افقی بدون ترانشه", "equipment"),
         _res("ca-b", "b", "داده‌های مکانی شبکه آب شهر", "data"),
         _res("ca-c", "c", "سالن همایش", "building")],
        [_res("ne-b", "b", "دستگاه حفاری افقی بدون ترانشه برای لوله‌گذاری", "equipment", valueRials=3_000_000_000),
         _res("ne-a", "a", "داده‌های مکانی شبکه آب", "data", valueRials=2_000_000_000),
         _res("ne-c", "c", "خودروی آتش‌نشانی", "equipment")],
    )  # fmt: skip
    result = analyse_winwin(snap, WinWinParams(), TODAY)
    assert {(m.capacity_id, m.target_id) for m in result.matches} == {("ca-a", "ne-b"), ("ca-b", "ne-a")}
    [pair] = result.opportunities
    assert pair.kind == "reciprocal" and pair.chosen and set(pair.agencies) == {"a", "b"}
    assert result.optimal and result.gap == 0 and pair.everyone_gains


def test_status_and_windows_judged_on_today() -> None:
    """A met, withdrawn or expired need leaves the matching; windows count from today."""
    cap = _res("ca-a", "a", "دستگاه حفاری افقی بدون ترانشه", "equipment")
    needs = [
        _res("ne-open", "b", "دستگاه حفاری افقی بدون ترانشه", "equipment"),
        _res("ne-met", "c", "دستگاه حفاری افقی بدون ترانشه", "equipment", status="met"),
        _res("ne-gone", "d", "دستگاه حفاری افقی بدون ترانشه", "equipment", status="withdrawn"),
        _res("ne-old", "e", "دستگاه حفاری افقی بدون ترانشه", "equipment", neededTo="2026-11-29"),
    ]
    result = analyse_winwin(_snap([cap], needs), WinWinParams(), TODAY)
    assert {m.target_id for m in result.matches} == {"ne-open"}
    assert result.left_out["need"] == {"met": 1, "withdrawn": 1, "expired": 1}
    # a capacity whose window ended before today offers nothing, even to a need whose window was then
    old_cap = _res("ca-a", "a", "دستگاه حفاری افقی بدون ترانشه", "equipment", availableTo="2026-10-01")
    assert not analyse_winwin(_snap([old_cap], needs[:1]), WinWinParams(), TODAY).matches


def test_units_convert_and_incompatible_units_never_match() -> None:
    assert cover(20_000, "m3_per_day", 40, "L/s").share == 1.0
    assert round(cover(1_000, "m³/day", 40, "لیتر بر ثانیه").share, 3) == round(1000 / 86.4 / 40, 3)
    assert cover(2, "hectare", 30_000, "m2").share == 2 / 3
    assert not cover(20_000, "m3_per_day", 3000, "tonne").comparable
    assert not cover(5, "site", 5, "camera").comparable and cover(5, "site", 10, "site").share == 0.5
    effluent = _res("ca-eff", "a", "پساب تصفیه‌شده برای آبیاری فضای سبز", "service", quantity=20_000, unit="m3_per_day")
    needs = [_res("ne-irr", "b", "پساب تصفیه‌شده برای آبیاری فضای سبز بوستان", "service", quantity=40, unit="l_per_s"),
             _res("ne-comp", "c", "کود برای آبیاری و تقویت فضای سبز", "service", quantity=3000, unit="tonne")]  # fmt: skip
    matches = analyse_winwin(_snap([effluent], needs), WinWinParams(), TODAY).matches
    assert [(m.target_id, m.unit, m.cover) for m in matches] == [("ne-irr", "l_per_s", 1.0)]


def test_value_model_states_sources_and_who_carries_the_cost() -> None:
    caps = [_res("ca-a", "a", "دستگاه حفاری افقی بدون ترانشه", "equipment", costRials=4_000_000_000, quantity=1, unit="rig"),
            _res("ca-b", "b", "داده‌های مکانی شبکه آب شهر", "data")]  # fmt: skip
    needs = [_res("ne-b", "b", "دستگاه حفاری افقی بدون ترانشه", "equipment", valueRials=9_000_000_000, quantity=1, unit="rig",
                  valueSource="استعلام اجاره"),
             _res("ne-a", "a", "داده‌های مکانی شبکه آب", "data")]  # fmt: skip
    result = analyse_winwin(_snap(caps, needs), WinWinParams(default_value_rials=1_000_000_000), TODAY)
    [pair] = result.chosen
    by_target = {m.target_id: m for m in pair.matches}
    assert by_target["ne-b"].benefit_rials == 9e9 and "استعلام اجاره" in by_target["ne-b"].benefit_source
    assert by_target["ne-a"].benefit_source.startswith("default 1,000,000,000")
    assert by_target["ne-b"].cost_rials == 4e9
    parties = {p.agency_id: p for p in pair.parties}
    assert parties["a"].net_rials == 1e9 - 4e9  # gets 1 bn (default), gives 4 bn
    assert parties["a"].gains_rials == 1e9 and parties["b"].net_rials == 9e9
    assert pair.carriers == ["a"] and not pair.everyone_gains  # a gives more than it gets: said, not hidden
    assert any("no stated value is worth 1,000,000,000 rials (1 matches" in a for a in result.assumptions)
    assert [s["sameSet"] for s in result.sensitivity] == [True] * 5


class _Arc:
    def __init__(self, cap: str, target: str, giver: str, taker: str, net: float) -> None:
        self.capacity_id, self.target_id, self.provider, self.receiver, self.value = cap, target, giver, taker, net


def test_the_plan_is_exact_not_greedy_and_uses_a_non_best_match_when_it_must() -> None:
    """x↔y pair (10) and two x↔z, y↔z pairs (7 each) compete for x's one capacity and y's one: greedy
    takes 10; the optimum is 14 and needs z's second-best offer, which column generation prices in."""
    arcs = {
        ("x", "y"): [_Arc("cx", "ny", "x", "y", 5)], ("y", "x"): [_Arc("cy", "nx", "y", "x", 5)],
        ("x", "z"): [_Arc("cx", "nz1", "x", "z", 3.5)], ("z", "x"): [_Arc("cz1", "nx2", "z", "x", 3.5)],
        ("y", "z"): [_Arc("cy", "nz2", "y", "z", 3.5)],
        ("z", "y"): [_Arc("cz1", "ny2", "z", "y", 3.6), _Arc("cz2", "ny2", "z", "y", 3.5)],
    }  # fmt: skip
    cycles = packing.agency_cycles(list(arcs), 2)
    assert cycles == [("x", "y"), ("x", "z"), ("y", "z")]
    sel = packing.solve(cycles, arcs, lambda a: a.value)  # type: ignore[attr-defined]
    chosen = sorted(tuple(sorted(m.capacity_id for m in sel.columns[j])) for j in sel.chosen)
    assert sel.optimal and sel.gap == 0 and round(sel.total, 6) == 14.0
    assert chosen == [("cx", "cz1"), ("cy", "cz2")]


def test_groups_that_cannot_compete_are_solved_apart_with_the_same_optimum() -> None:
    """Two cities' agencies (no cycle joins them) under a random can-help graph: solved group by group,
    the plan is worth what the one joint programme gives, and proven so."""
    import random

    rng = random.Random(7)
    arcs: dict[tuple[str, str], list[_Arc]] = {}
    for city in ("m", "n"):
        names = [f"{city}{i}" for i in range(7)]
        for giver in names:
            for taker in names:
                if giver != taker and rng.random() < 0.45:
                    arcs[(giver, taker)] = [_Arc(f"c{giver}{k}", f"n{taker}{giver}{k}", giver, taker, rng.randint(1, 20))
                                            for k in range(rng.randint(1, 2))]  # fmt: skip
    cycles = packing.agency_cycles(list(arcs), 3)
    apart = packing.solve(cycles, arcs, lambda a: a.value)  # type: ignore[attr-defined]
    worth = {id(m): float(m.value) for ms in arcs.values() for m in ms}
    joint = packing._solve(cycles, arcs, worth, max(worth.values()), 5.0, 200_000, ())  # type: ignore[arg-type]
    threads = packing.solve(cycles, arcs, lambda a: a.value, workers=2)  # type: ignore[attr-defined]
    assert len(packing._components(cycles)) == 2 and "2 independent groups" in apart.notes[0]
    assert len(apart.notes) == len(set(apart.notes)) <= 4  # the groups' notes summed, not one line a group
    assert apart.optimal and joint.optimal and round(apart.total, 6) == round(joint.total, 6) > 0
    used = [k for j in apart.chosen for m in apart.columns[j] for k in (m.capacity_id, m.target_id)]
    assert len(used) == len(set(used))  # each capacity and need at most once across the groups
    assert sum(m.value for j in apart.chosen for m in apart.columns[j]) == apart.total  # type: ignore[attr-defined]
    assert [apart.columns[j] for j in apart.chosen] == [threads.columns[j] for j in threads.chosen]  # threads: the same plan


def test_a_time_limit_before_any_plan_keeps_the_lp_greedy_plan() -> None:
    """With HiGHS's heuristics off, a programme stopped by its time limit may hold no plan at all: the
    greedy rounding of the LP is kept then (a feasible plan, never an empty one), and said so."""
    import random

    rng = random.Random(7)
    names = [f"m{i}" for i in range(12)]
    arcs = {(g, t): [_Arc(f"c{g}{k}", f"n{t}{g}{k}", g, t, rng.randint(1, 20)) for k in range(rng.randint(1, 3))]
            for g in names for t in names if g != t and rng.random() < 0.5}  # fmt: skip
    cycles = packing.agency_cycles(list(arcs), 3)
    stopped = packing.solve(cycles, arcs, lambda a: a.value, seconds=1e-9)  # type: ignore[attr-defined]
    proven = packing.solve(cycles, arcs, lambda a: a.value)  # type: ignore[attr-defined]
    assert not stopped.optimal and any("greedy rounding" in n for n in stopped.notes), stopped.notes
    assert proven.optimal and 0 < stopped.total <= proven.total
    used = [k for j in stopped.chosen for m in stopped.columns[j] for k in (m.capacity_id, m.target_id)]
    assert len(used) == len(set(used))  # feasible: each capacity and need once
    assert sum(m.value for j in stopped.chosen for m in stopped.columns[j]) == stopped.total  # type: ignore[attr-defined]


_DETERMINISM = """
import json, sys
from bench.generate import generate
from service.analysis.memory import snapshot_of
from service.analysis.winwin import analyse_winwin
from service.settings import WinWinParams
bundle = generate(1, sections=("agencies", "capacities", "needs", "issues", "exchanges", "requests"), shrink=4)
r = analyse_winwin(snapshot_of(bundle), WinWinParams(), "2024-03-20")
print(json.dumps({"chosen": sorted(o.id for o in r.chosen), "total": r.total_chosen_rials, "optimal": r.optimal,
                  "matches": len(r.matches), "opportunities": [o.id for o in r.opportunities]}))
"""


def test_same_registry_same_plan_under_any_hash_seed() -> None:
    root = Path(__file__).resolve().parents[2]
    out = []
    for seed in ("0", "1"):
        env = os.environ | {"PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
        run = subprocess.run([sys.executable, "-c", _DETERMINISM], check=False, cwd=root, env=env, capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr
        out.append(json.loads(run.stdout.strip().splitlines()[-1]))
    assert out[0] == out[1]
    assert out[0]["optimal"] and out[0]["chosen"]


def test_demo_recommends_only_what_is_new_and_feasible_today(demo: GraphQL) -> None:
    report = demo.ok(REPORT)["analyses"]["winWin"]
    assert report["today"] == TODAY and report["optimal"] and report["gap"] == 0
    cycles = {frozenset(c["agencyIds"]): c for c in report["cycles"]}
    cycle = cycles[frozenset({"ag-gas", "ag-abfa", "ag-d11"})]
    assert cycle["chosen"]
    assert {(m["providerId"], m["receiverId"], m["capacityId"], m["targetId"]) for m in cycle["matches"]} == {
        ("ag-gas", "ag-abfa", "ca-gas-hdd", "ne-abfa-hdd"), ("ag-abfa", "ag-d11", "ca-abfa-effluent", "ne-d11-effluent"),
        ("ag-d11", "ag-gas", "ca-d11-halls", "ne-gas-classrooms"),
    }  # fmt: skip
    effluent = next(m for m in cycle["matches"] if m["targetId"] == "ne-d11-effluent")
    assert effluent["unit"] == "l_per_s" and effluent["cover"] == 1.0  # 8,000 m³/day left covers 40 L/s
    assert "ag-gas" in cycle["carriers"]  # the HDD rig costs gas as much as the classrooms are worth to it
    # already arranged: shown in place with its record, never in the plan
    in_place = {(m["capacityId"], m["targetId"]): m["inPlace"] for m in report["inPlace"]}
    assert in_place[("ca-abfa-sewer-ducts", "ne-ict-fiber-route")]["id"] == "rq-ict-ducts"
    assert in_place[("ca-abfa-effluent", "ne-parks-irrigation")]["id"] == "ex-abfa-effluent-parks"
    chosen = {(m["capacityId"], m["targetId"]) for o in report["chosen"] for m in o["matches"]}
    assert not chosen & set(in_place)
    # met needs (compost, GIS, fire-station land) leave the matching
    targets = {m["targetId"] for m in report["matches"]}
    assert not targets & {"ne-parks-compost", "ne-abfa-gis", "ne-fire-land"}
    assert report["leftOut"]["need"]["met"] >= 20
    assert len(report["sensitivity"]) == 5 and report["assumptions"]


def test_an_opportunity_becomes_draft_requests_and_then_is_in_place(demo: GraphQL) -> None:
    report = demo.ok(REPORT)["analyses"]["winWin"]
    cycle = next(c for c in report["cycles"] if set(c["agencyIds"]) == {"ag-gas", "ag-abfa", "ag-d11"})
    drafts = demo.ok(
        "mutation($o: ID!) { draftOpportunityRequests(opportunityId: $o) { id status senderId receiverId aboutId nextStatuses } }",
        o=cycle["id"],
    )["draftOpportunityRequests"]
    assert len(drafts) == 3 and all(d["status"] == "DRAFT" for d in drafts)
    assert {(d["senderId"], d["receiverId"]) for d in drafts} == {
        ("ag-abfa", "ag-gas"), ("ag-d11", "ag-abfa"), ("ag-gas", "ag-d11"),
    }  # fmt: skip
    assert set(drafts[0]["nextStatuses"]) == {"SUBMITTED", "WITHDRAWN"}
    sent = demo.ok('mutation($id: ID!) { moveRequest(id: $id, to: SUBMITTED) { status } }', id=drafts[0]["id"])
    assert sent["moveRequest"]["status"] == "SUBMITTED"
    after = demo.ok(REPORT)["analyses"]["winWin"]
    assert cycle["id"] not in {o["id"] for o in after["chosen"]}  # drafted: arranged now, not recommended twice
    assert {"ne-abfa-hdd", "ne-d11-effluent", "ne-gas-classrooms"} <= {m["targetId"] for m in after["inPlace"]}
    missing = demo.errors('mutation { draftOpportunityRequests(opportunityId: "ww-nope") { id } }')
    assert missing[0]["extensions"]["code"] == "NOT_FOUND"


def test_a_withdrawn_need_leaves_through_graphql(demo: GraphQL) -> None:
    need = demo.ok('{ need(id: "ne-abfa-hdd") { version status statusToday } }')["need"]
    assert need["status"] == "OPEN" and need["statusToday"] == "OPEN"
    old = demo.ok('{ need(id: "ne-parks-compost") { status statusToday } }')["need"]
    assert old == {"status": "MET", "statusToday": "MET"}
    demo.ok('mutation($v: Int!) { updateNeed(id: "ne-abfa-hdd", expectedVersion: $v, input: {status: WITHDRAWN}) { id } }',
            v=need["version"])  # fmt: skip
    report = demo.ok(REPORT)["analyses"]["winWin"]
    assert "ne-abfa-hdd" not in {m["targetId"] for m in report["matches"]}
    assert not any(set(c["agencyIds"]) == {"ag-gas", "ag-abfa", "ag-d11"} for c in report["cycles"])


def test_match_dataclass_net() -> None:
    m = Match("c", "t", "need", "a", "b", 1.0, 1.0, 10.0, 4.0, "")
    assert m.net == 6.0


def test_a_term_added_through_the_api_makes_a_need_meet_a_capacity(demo: GraphQL) -> None:
    """Win-win reads the directorate's vocabulary terms on each run, as duplication does."""
    made = demo.ok("""mutation { createNeed(input: {agencyId: "ag-d3", titleFa: "نیلوفرخانه", kind: BUILDING,
        quantity: 2, unit: "room", neededFrom: "1405/10/01", neededTo: "1406/03/31", valueRials: 900000000}) { id } }""")
    need = made["createNeed"]["id"]
    query = "{ analyses { winWin { matches(first: 500) { capacityId targetId } } } }"
    before = {(m["capacityId"], m["targetId"]) for m in demo.ok(query)["analyses"]["winWin"]["matches"]}
    assert ("ca-d11-halls", need) not in before  # «نیلوفرخانه» means nothing to the shipped thesaurus
    demo.ok('mutation { addVocabularyTerm(concept: "obj.venue", label: "نیلوفرخانه") { id } }')
    after = {(m["capacityId"], m["targetId"]) for m in demo.ok(query)["analyses"]["winWin"]["matches"]}
    assert ("ca-d11-halls", need) in after


def test_sensitivity_side_by_side_answers_as_in_turn(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The five scenarios solve in threads (HiGHS lets go of the GIL), when read or from the plan's own
    solve on; the answers are those of one after the other, in the scenarios' order."""
    from bench.generate import generate
    from service.analysis.memory import snapshot_of

    bundle = generate(1, sections=("agencies", "capacities", "needs", "issues", "exchanges", "requests"), shrink=4)
    snap = snapshot_of(bundle)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1})  # two cores, whatever runs the test
    lazy = analyse_winwin(snap, WinWinParams(), "2024-03-20")
    side_by_side = lazy.sensitivity
    # started once the plan is known (the CLI): the same programmes, so the same answers, and the plan
    # itself untouched (solved beside it, the scenarios had cost a province's plan 11.7%)
    early = analyse_winwin(snap, WinWinParams(), "2024-03-20", sensitivity_now=True)
    started = early.sensitivity_of.__self__  # the table's solves, not read yet
    assert len(started._done) == 5 and started._workers == 5  # a small plan: all five side by side
    assert early.sensitivity == side_by_side
    assert (early.total_chosen_rials, [o.id for o in early.chosen]) == (lazy.total_chosen_rials, [o.id for o in lazy.chosen])
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0})  # one core: one after the other
    turn = analyse_winwin(snap, WinWinParams(), "2024-03-20")
    assert turn.sensitivity_of.__self__._workers == 1
    in_turn = turn.sensitivity
    assert side_by_side == in_turn
    assert [s["scenario"] for s in in_turn] == ["benefits -25%", "benefits +25%", "costs +25%", "costs -25%",
                                                "chosen benefits -25%, the rest +25%"]  # fmt: skip
    assert all(s["optimal"] for s in in_turn) and in_turn[0]["totalRials"] < in_turn[1]["totalRials"]


def test_sensitivity_shared_with_a_forked_process_answers_as_alone() -> None:
    """The command line solves the two benefit scenarios in a forked child and the rest here: the same
    rows, in the same order, as every scenario solved in this process."""
    from bench.generate import generate
    from service.analysis.memory import snapshot_of

    bundle = generate(1, sections=("agencies", "capacities", "needs", "issues", "exchanges", "requests"), shrink=4)
    snap = snapshot_of(bundle)
    alone = analyse_winwin(snap, WinWinParams(), "2024-03-20", sensitivity_now=True)
    shared = analyse_winwin(snap, WinWinParams(), "2024-03-20", sensitivity_now=True, workers=2)
    table = shared.sensitivity_of.__self__
    assert table._child is not None and table._child._child is not None  # a child was forked
    assert set(table._done) == {s for s in SCENARIOS if s not in IN_CHILD}  # and the rest solve here
    assert shared.sensitivity == alone.sensitivity
    assert table.table() == alone.sensitivity  # read again: the child's rows were kept
    low, high = alone.sensitivity[0], alone.sensitivity[1]  # the child's two: answered, and not alike
    assert low["optimal"] and high["optimal"] and low["totalRials"] < high["totalRials"]


def test_matching_in_two_processes_keeps_what_one_keeps() -> None:
    """The needs' kinds are scanned in two halves, the second in a forked child: the same matches,
    field for field, with the same capacity and need rows, as one process scanning every kind."""
    from bench.generate import generate
    from service.analysis.memory import snapshot_of
    from service.analysis.winwin import match
    from service.forked import room_to_fork

    assert room_to_fork()  # else both halves would be scanned here and nothing forked would be tested
    bundle = generate(1, sections=("agencies", "capacities", "needs", "issues", "exchanges", "requests"), shrink=4)
    snap = snapshot_of(bundle)
    alone, halves = match(snap, WinWinParams(), "2024-03-20"), match(snap, WinWinParams(), "2024-03-20", workers=2)
    assert len({n["kind"] for n in snap["need"]}) > 1 and alone.kept  # two halves with something to find
    assert [m for m, _, _ in halves.kept] == [m for m, _, _ in alone.kept]
    assert [(c["id"], t["id"]) for _, c, t in halves.kept] == [(c["id"], t["id"]) for _, c, t in alone.kept]
    assert halves.left_out == alone.left_out


def test_offers_tied_on_everything_keep_one_scans_order() -> None:
    """Two halves merged in (need, capacity) row order, as one scan makes them: with ids a broken
    constraint let repeat, the offer kept for a need is the first row's, however the kinds split."""
    from service.analysis.winwin import match

    text = "دستگاه حفاری افقی بدون ترانشه"
    caps = [_res("ca-1", "ag-a", text, "equipment"), _res("ca-1", "ag-a", text, "data")]
    needs = [_res("ne-1", "ag-b", text, "equipment"), _res("ne-1", "ag-b", text, "data")]
    snap = _snap(caps, needs)
    kept = [match(snap, WinWinParams(matches_per_need=1), "2024-03-20", workers=w).kept for w in (1, 2)]
    assert [[t["kind"] for _, _, t in k] for k in kept] == [["equipment"], ["equipment"]]
