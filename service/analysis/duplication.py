"""Duplicated work (موازی‌کاری) between duties of different agencies, in GAO's terms.

GAO-15-49SP: *fragmentation* — more than one agency in the same broad area; *overlap* — similar goals,
activities or beneficiaries; *duplication* — the same activities for the same beneficiaries. The class
comes from structured evidence first (``evidence.py``: activity as thesaurus concepts, COFOG function,
beneficiaries and geography as hierarchies) and text second. Pairs come from blocks (COFOG group,
thesaurus concept) with sparse text top-k inside big blocks (``candidates.py``), never from a dense
all-pairs loop; fragmentation is also reported per COFOG group with its agencies and duties. Verdicts
the directorate gave survive recomputation while both duties keep the versions they had when judged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import partial
from typing import Any

from service.analysis.candidates import candidate_pairs
from service.analysis.evidence import (
    DutyFacts,
    Evidence,
    classify,
    could_be_finding,
    evidence,
    facts,
    kinds_agreeing,
    text_of,
)  # fmt: skip
from service.analysis.explain import Wording, explain_en, suggest_option
from service.analysis.learn import Learning, features as learn_features, learn
from service.analysis.matrix import AgencyMatrix, AgencyRef
from service.analysis.money import at_stake, budgets_of
from service.analysis.snapshot import Snapshot
from service.analysis.textsim import gram_counts
from service.analysis.verdicts import Verdict, fingerprint
from service.analysis.vocab import default_thesaurus
from service.analysis.vocab.terms import keeping_vocabularies
from service.analysis.vocab.thesaurus import Thesaurus
from service.data.taxonomy import function_name
from service.forked import in_two
from service.settings import DuplicationParams

ORDER = {"duplication": 0, "overlap": 1, "fragmentation": 2}


@dataclass
class DuplicationFinding:
    id: str
    classification: str  # duplication | overlap | fragmentation
    score: float
    text_similarity: float
    same_group: bool
    same_division: bool
    beneficiaries_shared: list[str]
    geography_overlap: list[str]
    duty_a: str
    duty_b: str
    agency_a: str
    agency_b: str
    why: str  # a short English line (logs, exports); summary_fa and explanation_fa are the Persian
    activity_shared: list[str] = field(default_factory=list)  # thesaurus concepts both name
    evidence_kinds: list[str] = field(default_factory=list)  # function, activity, beneficiaries, geography
    option: str = "agreement"  # merge | lead_agency | agreement | keep
    summary_fa: str = ""  # one Persian line for a picture's hover
    confidence: float | None = None  # P(an officer confirms it), once enough verdicts were learnt from
    budget_a: dict[int, int] = field(default_factory=dict)  # Jalali year → rials of duty A
    budget_b: dict[int, int] = field(default_factory=dict)
    # (effect, explanation) in Persian, written when asked with the vocabularies of the run, given the
    # finding itself: a closure holding the finding made each one a reference cycle, freed only by
    # the collector (whose thresholds are raised: gc_tuning.py)
    words: Callable[[DuplicationFinding, bool], tuple[str, str]] | None = field(default=None, repr=False, compare=False)
    verdict: str | None = None  # confirmed | dismissed, while the duties are unchanged
    verdict_stale: bool = False  # judged once, but a duty changed since
    verdict_by: str | None = None
    verdict_at: str | None = None
    verdict_note: str | None = None


    def at_stake(self, from_year: int | None = None, to_year: int | None = None) -> dict[int, int]:
        """Year → rials this finding puts at stake (nothing for fragmentation)."""
        if self.classification == "fragmentation":
            return {}
        return at_stake(self.budget_a, self.budget_b, from_year, to_year)

    @property
    def at_stake_rials(self) -> int:
        return sum(self.at_stake().values())

    @property
    def effect_fa(self) -> str:
        """GAO step 2 in Persian: the cost at stake and the effect on the service."""
        return self.words(self, False)[0] if self.words is not None else ""

    @property
    def explanation_fa(self) -> str:
        """The Persian explanation, written when asked (most findings of a big registry are never read)."""
        return self.words(self, True)[1] if self.words is not None else ""

    def as_dict(self) -> dict[str, Any]:
        """The fields but ``words``, then the Persian. A copy of ``__dict__`` keeps the fields' order (a
        dataclass sets its attributes in field order): 0.03 s for a city's 24,091 findings, where a
        getattr per field took 0.15 s."""
        out = self.__dict__.copy()
        del out["words"]
        effect, explanation = self.words(self, True) if self.words is not None else ("", "")
        out["explanation_fa"] = explanation
        out["effect_fa"] = effect
        out["at_stake_rials"] = self.at_stake_rials
        return out


@dataclass
class FragmentedArea:
    """A COFOG group worked by several agencies (GAO fragmentation, area level)."""

    division: str  # the COFOG group's code (kept under its old name for the API)
    name_fa: str | None
    name_en: str | None
    agency_ids: list[str]
    duty_count: int
    duty_ids: list[str] = field(default_factory=list)
    budget: dict[int, int] = field(default_factory=dict)  # Jalali year → rials of the group's duties


@dataclass
class DuplicationResult:
    parameters: dict[str, Any]
    findings: list[DuplicationFinding]
    areas: list[FragmentedArea]
    matrix: AgencyMatrix = field(repr=False)
    groups: dict[str, str] = field(default_factory=dict, repr=False)  # duty id → COFOG group
    learning: Learning = field(default_factory=Learning)

    def as_dict(self) -> dict[str, Any]:
        return {
            "parameters": self.parameters,
            "findings": [f.as_dict() for f in self.findings],
            "areas": [asdict(a) for a in self.areas],
            "matrix": self.matrix.as_dict(),
            "learning": asdict(self.learning),
        }


def finding_id(duty_a: str, duty_b: str) -> str:
    first, second = sorted((duty_a, duty_b))
    return f"dup:{first}:{second}"


def score_of(kind: str, e: Evidence, params: DuplicationParams) -> float:
    """Rank within a class: how many kinds of evidence agree, and how strongly."""
    activity = 1.0 if e.same_activity else 0.6 if e.similar_activity else 0.0
    function = 1.0 if e.same_group else 0.5 if e.same_division else 0.0
    geography = 1.0 if e.named_area else 0.5 if e.geography else 0.0
    return (params.weight_activity * activity + params.weight_text * e.text + params.weight_function * function
            + params.weight_beneficiaries * (1.0 if e.beneficiaries else 0.0) + params.weight_geography * geography)  # fmt: skip


def analyse_duplication(snap: Snapshot, params: DuplicationParams, verdicts: dict[str, Verdict],
                        thesaurus: Thesaurus | None = None, workers: int = 1) -> DuplicationResult:  # fmt: skip
    """``thesaurus``: the shipped one, or the shipped one with the directorate's terms. ``workers``: 2
    shares the work with a forked process (``forked.in_two``), the same result."""
    duties = snap["duty"]
    agencies = snap.agencies()
    thesaurus = thesaurus or default_thesaurus()
    matrix = AgencyMatrix("duplication", [AgencyRef(a["id"], a["nameFa"], a.get("nameEn"), a.get("code")) for a in agencies.values()], directed=False)
    # the facts here, the grams in the child: a sparse matrix comes back as three arrays, where 5,000
    # DutyFacts came back pickled object by object (0.1-0.2 s), and the thesaurus's caches the facts
    # fill stay in this process, for the pairs to come
    known, counts = in_two(lambda: [facts(d, thesaurus) for d in duties],
                           lambda: gram_counts([text_of(d) for d in duties]), workers)  # fmt: skip
    pairs = candidate_pairs(known, counts, thesaurus, params.neighbours, params.min_text, params.concept_neighbours, workers)
    half = len(pairs) // 2
    first, second = in_two(partial(_classified, pairs[:half], known, params, thesaurus),
                           partial(_packed, pairs[half:], known, params, thesaurus), workers)  # fmt: skip
    classified = first + [(*row[:5], Evidence.unpacked(row[5])) for row in second]
    classified.sort(key=lambda c: (c[0], c[1], duties[c[3]]["id"], duties[c[4]]["id"]))
    findings: list[DuplicationFinding] = []
    rows: list[list[float]] = []
    per_duty: dict[int, int] = defaultdict(int)
    # each duty's budget read once (findings share the dict: nothing writes to it); what findings'
    # Persian shares made once (``Wording``: a city's 24,000 findings name a few thousand evidences)
    budgets: dict[int, dict[int, int]] = {}
    wording = Wording(agencies, thesaurus)
    for _, neg_score, kind, i, j, e in classified:
        # bounded output: a duty's best fragmentation pairs (the per-group area report holds the rest)
        if kind == "fragmentation":
            if per_duty[i] >= params.fragmentation_per_duty and per_duty[j] >= params.fragmentation_per_duty:
                continue
            per_duty[i] += 1
            per_duty[j] += 1
        a, b = duties[i], duties[j]
        fid = finding_id(a["id"], b["id"])
        budget_a = budgets.get(i)
        if budget_a is None:
            budget_a = budgets[i] = budgets_of(a)
        budget_b = budgets.get(j)
        if budget_b is None:
            budget_b = budgets[j] = budgets_of(b)
        summary = wording.summary(kind, e)
        finding = DuplicationFinding(
            fid, kind, round(-neg_score, 4), round(e.text, 4), e.same_group, e.same_division,
            e.beneficiaries, e.geography, a["id"], b["id"], a["agencyId"], b["agencyId"], explain_en(kind, e, a, b),
            activity_shared=e.objects + e.acts, evidence_kinds=kinds_agreeing(e),
            option=suggest_option(kind, known[i], known[j]), budget_a=budget_a, budget_b=budget_b, summary_fa=summary,
        )  # fmt: skip
        finding.words = keeping_vocabularies(partial(wording, e=e, a=a, b=b))
        verdict = verdicts.get(fid)
        if verdict is not None:
            if verdict.fingerprint == fingerprint([a, b]):
                finding.verdict = verdict.verdict
                finding.verdict_by, finding.verdict_at, finding.verdict_note = verdict.by, verdict.at, verdict.note
                finding.option = verdict.option or finding.option  # the directorate's choice over the suggestion
            else:
                finding.verdict_stale = True
        findings.append(finding)
        rows.append(learn_features(kind, e, finding.at_stake_rials))
    learning = learn(findings, rows)
    findings.sort(key=lambda f: (ORDER[f.classification], -(f.confidence or 0.0 if learning.active else f.score), f.id))
    for f in findings:
        if f.classification != "fragmentation" and f.verdict != "dismissed":
            matrix.add(f.agency_a, f.agency_b, f.score,
                       {"findingId": f.id, "dutyA": f.duty_a, "dutyB": f.duty_b, "class": f.classification,
                        "why": f.summary_fa})  # fmt: skip
    return DuplicationResult(params.model_dump(), findings, _areas(duties), matrix,
                             {d["id"]: d["functionCode"] for d in duties}, learning)  # fmt: skip


def _classified(pairs: list[tuple[tuple[int, int], float]], known: list[DutyFacts], params: DuplicationParams,
                thesaurus: Thesaurus) -> list[tuple[int, float, str, int, int, Evidence]]:  # fmt: skip
    """The candidate pairs that are findings: (class order, -score, class, i, j, evidence)."""
    out: list[tuple[int, float, str, int, int, Evidence]] = []
    for (i, j), text in pairs:
        if not could_be_finding(known[i], known[j]):
            continue
        e = evidence(known[i], known[j], text, params, thesaurus)
        kind = classify(e)
        if kind is not None:
            out.append((ORDER[kind], -score_of(kind, e, params), kind, i, j, e))
    return out


def _packed(pairs: list[tuple[tuple[int, int], float]], known: list[DutyFacts], params: DuplicationParams,
            thesaurus: Thesaurus) -> list[tuple[int, float, str, int, int, tuple[Any, ...]]]:  # fmt: skip
    """``_classified`` with each evidence as a plain tuple, for a forked child to send back: 13,500 of
    them pickled as dataclasses took 0.10-0.28 s to send and read back, as tuples 0.04 s (measured)."""
    return [(*row[:5], row[5].packed()) for row in _classified(pairs, known, params, thesaurus)]


def _areas(duties: list[dict[str, Any]]) -> list[FragmentedArea]:
    agencies: dict[str, set[str]] = defaultdict(set)
    ids: dict[str, list[str]] = defaultdict(list)
    money: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for d in duties:
        group = d["functionCode"]
        agencies[group].add(d["agencyId"])
        ids[group].append(d["id"])
        for year, rials in budgets_of(d).items():
            money[group][year] += rials
    return [
        FragmentedArea(g, function_name(g, "fa"), function_name(g, "en"), sorted(a), len(ids[g]), sorted(ids[g]),
                       dict(sorted(money[g].items())))
        for g, a in sorted(agencies.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        if len(a) > 1
    ]
