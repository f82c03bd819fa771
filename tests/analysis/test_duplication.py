"""Duplicated work: planted duplicates are found and classified, unrelated duties are not, verdicts stick."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from dataclasses import fields

from openpyxl import load_workbook

from service.analysis.duplication import analyse_duplication
from service.analysis.evidence import Evidence, classify, evidence, facts
from service.analysis.explain import Wording, explain_fa
from service.analysis.snapshot import Snapshot
from service.settings import DuplicationParams
from tests.conftest import GraphQL

REPORT = """{ analyses { duplication {
  findings(includeDismissed: true) { id classification dutyAId dutyBId verdict verdictStale textSimilarity }
  areas { division agencyIds }
  matrix { cells { row col value evidence } agencies(involvedOnly: true) { id } }
} } }"""
PLANTED = {
    frozenset({"du-d9-green", "du-parks-green"}),
    frozenset({"du-services-drainage", "du-abfa-stormwater"}),
    frozenset({"du-traffic-cameras", "du-police-cameras"}),
}


def _duty(ident: str, agency: str, title: str, code: str, beneficiaries: list[str], geo: list[str]) -> dict:
    return {"id": ident, "agencyId": agency, "titleFa": title, "functionCode": code, "version": 1,
            "beneficiaries": beneficiaries, "geography": geo}  # fmt: skip


def test_planted_pairs_in_code() -> None:
    snap = Snapshot(rows={
        "agency": [{"id": a, "nameFa": a} for a in ("red", "d3", "fire", "parks")],
        "duty": [
            _duty("d1", "red", "امداد و نجات در حوادث و سوانح طبیعی", "03.2", ["residents"], ["city"]),
            _duty("d2", "d3", "امدادونجات در حوادث و سوانح طبیعی منطقه", "03.2", ["residents"], ["D3"]),
            _duty("d3", "fire", "آموزش ایمنی به دانش‌آموزان", "03.2", ["children"], ["city"]),
            _duty("d4", "parks", "کاشت و هرس درختان بوستان‌ها", "05.4", ["residents"], ["city"]),
        ],
    })  # fmt: skip
    result = analyse_duplication(snap, DuplicationParams(), {})
    kinds = {frozenset({f.duty_a, f.duty_b}): f.classification for f in result.findings}
    assert kinds[frozenset({"d1", "d2"})] == "duplication"  # joined words, same activity, same people
    assert kinds[frozenset({"d1", "d3"})] == "fragmentation"  # one COFOG group, other activity, children ⊂ residents
    assert frozenset({"d3", "d4"}) not in kinds  # unrelated: other area, other activity
    assert ("red", "d3") in result.matrix.cells and ("d3", "red") in result.matrix.cells
    assert result.areas[0].division == "03.2" and set(result.areas[0].agency_ids) == {"red", "d3", "fire"}


def _class(a: dict, b: dict, text: float = 0.0) -> str | None:
    return classify(evidence(facts(a), facts(b), text, DuplicationParams()))


def test_classes_follow_gao() -> None:
    parks = _duty("a", "parks", "نگهداری و آبیاری فضای سبز بوستان‌ها", "05.4", ["residents"], ["city"])
    d9 = _duty("b", "d9", "آبیاری و نگهداری پارک‌های محله", "06.2", ["ساکنان منطقه ۹"], ["D9"])
    assert _class(parks, d9) == "duplication"  # synonyms, other COFOG code, district inside the city
    other_people = dict(d9, beneficiaries=["businesses"])
    assert _class(parks, other_people) == "overlap"  # same activity, other people
    neyshabur = dict(d9, geography=["neyshabur"])
    assert _class(parks, neyshabur, text=0.9) is None  # another city never overlaps
    gas = _duty("g", "gas", "توسعه و نگهداری شبکه توزیع گاز", "04.3", ["residents"], ["city"])
    fibre = _duty("f", "tel", "توسعه و نگهداری شبکه فیبر نوری", "04.6", ["residents"], ["city"])
    assert _class(gas, fibre, text=0.6) is None  # a stock phrase across unrelated functions
    power = _duty("p", "power", "تأمین پایدار برق و مدیریت خاموشی", "04.3", ["residents"], ["city"])
    assert _class(gas, power) == "fragmentation"  # one COFOG group, other activity, same people


def test_demo_duplicates_are_classified(demo: GraphQL) -> None:
    report = demo.ok(REPORT)["analyses"]["duplication"]
    duplicated = {frozenset({f["dutyAId"], f["dutyBId"]}) for f in report["findings"] if f["classification"] == "DUPLICATION"}
    assert duplicated == PLANTED
    reported = {frozenset({f["dutyAId"], f["dutyBId"]}) for f in report["findings"]}
    assert frozenset({"du-fire-festival", "du-parks-green"}) not in reported
    assert frozenset({"du-d9-green", "du-police-cameras"}) not in reported
    cells = {(c["row"], c["col"]) for c in report["matrix"]["cells"]}
    assert ("ag-d9", "ag-parks") in cells and ("ag-parks", "ag-d9") in cells
    evidence = next(c["evidence"] for c in report["matrix"]["cells"] if (c["row"], c["col"]) == ("ag-d9", "ag-parks"))
    assert evidence[0]["findingId"] == "dup:du-d9-green:du-parks-green" and evidence[0]["why"]


def test_a_dismissed_finding_stays_dismissed_until_its_duties_change(demo: GraphQL) -> None:
    fid = "dup:du-d9-green:du-parks-green"
    verdict = demo.ok(
        'mutation($f: ID!) { setFindingVerdict(findingId: $f, verdict: DISMISSED, note: "دو سطح متفاوت") { verdict fingerprint } }',
        f=fid,
    )["setFindingVerdict"]
    assert verdict["verdict"] == "dismissed" and "du-d9-green@" in verdict["fingerprint"]
    for _ in range(2):  # recomputed twice: still dismissed
        report = demo.ok(REPORT)["analyses"]["duplication"]
        finding = next(f for f in report["findings"] if f["id"] == fid)
        assert finding["verdict"] == "dismissed" and not finding["verdictStale"]
        assert ("ag-d9", "ag-parks") not in {(c["row"], c["col"]) for c in report["matrix"]["cells"]}
    visible = demo.ok("{ analyses { duplication { findings { id } } } }")["analyses"]["duplication"]["findings"]
    assert fid not in {f["id"] for f in visible}

    demo.ok('mutation { updateDuty(id: "du-parks-green", input: {legalBasis: "مصوبهٔ تازهٔ شورا"}) { version } }')
    finding = next(f for f in demo.ok(REPORT)["analyses"]["duplication"]["findings"] if f["id"] == fid)
    assert finding["verdict"] is None and finding["verdictStale"] is True


def test_duplication_downloads(demo: GraphQL) -> None:
    csv_text = demo.get("/analyses/duplication.csv").text
    assert csv_text.startswith("\ufeffrow_id") and "du-d9-green" in csv_text
    book = load_workbook(io.BytesIO(demo.get("/analyses/duplication.xlsx").content))
    assert {"matrix", "cells", "findings", "areas", "parameters"} <= set(book.sheetnames)
    params = {row[0].value: row[1].value for row in book["parameters"].iter_rows()}
    assert params["duplication_text"] == DuplicationParams().duplication_text
    assert demo.get("/analyses/nothing.csv").status_code == 404


def test_findings_explain_themselves_in_persian(demo: GraphQL) -> None:
    findings = demo.ok("""{ analyses { duplication { findings {
        id classification option evidenceKinds activityShared explanationFa } } } }""")["analyses"]["duplication"]["findings"]
    green = next(f for f in findings if f["id"] == "dup:du-d9-green:du-parks-green")
    assert green["classification"] == "DUPLICATION" and green["option"] == "LEAD_AGENCY"  # city-wide body and a district
    assert {"activity", "beneficiaries", "geography"} <= set(green["evidenceKinds"])
    text = green["explanationFa"]
    assert "سازمان پارک‌ها و فضای سبز" in text and "منطقه ۹" in text and "فضای سبز" in text and "پیشنهاد" in text
    for f in findings:
        own_words = re.sub(r"«[^»]*»", "", f["explanationFa"])  # the duties' titles are quoted as written
        assert not re.search(r"[A-Za-z0-9\[\]{}_]", own_words), own_words  # no codes, no list syntax, Persian digits


def test_evidence_travels_between_processes_whole() -> None:
    """A forked child sends its evidence back as plain tuples (``Evidence.packed``): every field, in order."""
    a = _duty("a", "parks", "نگهداری و آبیاری فضای سبز بوستان‌ها", "05.4", ["residents"], ["city"])
    b = _duty("b", "d9", "آبیاری و نگهداری پارک‌های محله", "06.2", ["ساکنان منطقه ۹"], ["D9"])
    e = evidence(facts(a), facts(b), 0.37, DuplicationParams())
    assert Evidence.unpacked(e.packed()) == e
    assert len(e.packed()) == len(fields(Evidence))


def test_a_runs_shared_wording_says_what_a_fresh_one_says() -> None:
    """One ``Wording`` per run keeps the sentences findings share; each finding must still read as if
    written alone. Here two pairs differ only in their COFOG group, and one agency's two duties only in
    their budgets: a sentence kept under too small a key would tell one's story for the other."""
    duties = [
        _duty("d1", "red", "امداد و نجات در حوادث و سوانح طبیعی", "03.2", ["residents"], ["city"]),
        _duty("d2", "d3", "امدادونجات در حوادث و سوانح طبیعی منطقه", "03.2", ["residents"], ["D3"]),
        _duty("d3", "red", "امداد و نجات در حوادث و سوانح طبیعی", "03.1", ["residents"], ["city"]),
        _duty("d4", "d3", "امدادونجات در حوادث و سوانح طبیعی منطقه", "03.1", ["residents"], ["D3"]),
    ]
    for i, d in enumerate(duties):
        d["budgetYears"], d["budgetRials"] = [1403, 1404], [10**9 * (i + 1), 2 * 10**9]
    agencies = {a: {"id": a, "nameFa": f"دستگاه {a}"} for a in ("red", "d3")}
    snap = Snapshot(rows={"agency": list(agencies.values()), "duty": duties})
    findings = analyse_duplication(snap, DuplicationParams(), {}).findings
    pairs = {frozenset({f.duty_a, f.duty_b}) for f in findings}
    assert {frozenset({"d1", "d2"}), frozenset({"d3", "d4"})} <= pairs, "the two pairs that differ by group alone"
    by_id = {d["id"]: d for d in duties}
    shared = Wording(agencies)
    for f in findings:
        a, b = by_id[f.duty_a], by_id[f.duty_b]
        e = evidence(facts(a), facts(b), f.text_similarity, DuplicationParams())
        assert shared(f, True, e, a, b) == Wording(agencies)(f, True, e, a, b)
        assert f.explanation_fa == explain_fa(f, e, a, b, agencies)
    assert len({f.explanation_fa for f in findings}) == len(findings)


COVER_PROBE = """
from service.analysis.evidence import _cover
from service.analysis.vocab.thesaurus import Concept, Thesaurus
names = ["obj.road", "obj.bridge", "obj.tunnel", "obj.sign", "obj.light", "obj.curb", "obj.lane"]
concepts = {"obj.p": Concept("obj.p", "object", (), (), ("p",), ())}
concepts |= {n: Concept(n, "object", ("obj.p",), (), (n,), ()) for n in names}
print(repr(_cover(Thesaurus(concepts), frozenset(names), frozenset(names[:3]))))
"""


def test_how_far_objects_cover_does_not_follow_the_hash_seed() -> None:
    """Three objects in common and four siblings of seven: 4.2/7 is 0.6, the cover a duplication needs,
    whatever order a set is walked in (a float sum gave 0.5999999999999999 under some seeds)."""
    seen = set()
    for seed in range(8):
        done = subprocess.run([sys.executable, "-c", COVER_PROBE], capture_output=True, text=True, check=True,
                              env=dict(os.environ, PYTHONHASHSEED=str(seed)))  # fmt: skip
        seen.add(done.stdout.strip())
    assert seen == {"0.6"}, seen
