"""Duplicated work (موازی‌کاری) between duties of different agencies, in GAO's terms.

GAO-15-49SP: *fragmentation* — more than one agency in the same broad area (a COFOG division);
*overlap* — similar goals or activities or beneficiaries; *duplication* — the same activities
for the same beneficiaries. Pairs come from sparse top-k text neighbours, never from a dense
all-pairs loop; fragmentation is also reported per COFOG area. Verdicts the directorate gave survive
recomputation while both duties keep the versions they had when judged.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from service.analysis.matrix import AgencyMatrix, AgencyRef
from service.analysis.snapshot import Snapshot
from service.analysis.textsim import tfidf, top_k
from service.analysis.verdicts import Verdict, fingerprint
from service.data.taxonomy import division, function_name
from service.settings import DuplicationParams

CITY = "city"


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
    why: str
    verdict: str | None = None  # confirmed | dismissed, while the duties are unchanged
    verdict_stale: bool = False  # judged once, but a duty changed since


@dataclass
class FragmentedArea:
    """A COFOG division worked by several agencies (GAO fragmentation, area level)."""

    division: str
    name_fa: str | None
    name_en: str | None
    agency_ids: list[str]
    duty_count: int


@dataclass
class DuplicationResult:
    parameters: dict[str, Any]
    findings: list[DuplicationFinding]
    areas: list[FragmentedArea]
    matrix: AgencyMatrix = field(repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "parameters": self.parameters,
            "findings": [asdict(f) for f in self.findings],
            "areas": [asdict(a) for a in self.areas],
            "matrix": self.matrix.as_dict(),
        }


def _doc(duty: dict[str, Any]) -> str:
    parts = (duty.get("titleFa"), duty.get("titleFa"), duty.get("descriptionFa"), duty.get("titleEn"))
    return " ".join(p for p in parts if p)


def _geo_overlap(a: list[str], b: list[str]) -> list[str]:
    a_set, b_set = set(a or [CITY]), set(b or [CITY])
    if CITY in a_set:
        return sorted(b_set)
    if CITY in b_set:
        return sorted(a_set)
    return sorted(a_set & b_set)


def finding_id(duty_a: str, duty_b: str) -> str:
    first, second = sorted((duty_a, duty_b))
    return f"dup:{first}:{second}"


def _candidates(duties: list[dict[str, Any]], params: DuplicationParams) -> dict[tuple[int, int], float]:
    """Pairs worth classifying: each duty's k nearest by text. Pairs that share only a broad area
    are not enumerated (that is O(n²) in a big group); they are reported per area instead."""
    matrix = tfidf([_doc(d) for d in duties])
    return {(i, j): s for i, j, s in top_k(matrix, matrix, params.neighbours, params.min_text, same=True)}


def classify(text: float, same_group: bool, same_division: bool, shared: list[str], geo: list[str],
             params: DuplicationParams) -> str | None:  # fmt: skip
    """GAO's three classes, strongest first; None when the pair is not a finding at all."""
    if same_group and text >= params.duplication_text and shared and geo:
        return "duplication"
    if text >= params.overlap_text or (same_group and shared and geo and text >= params.min_text):
        return "overlap"  # similar activities, or the same function for the same people
    if same_division:
        return "fragmentation"
    return None


def analyse_duplication(snap: Snapshot, params: DuplicationParams, verdicts: dict[str, Verdict]) -> DuplicationResult:
    duties = snap["duty"]
    agencies = snap.agencies()
    matrix = AgencyMatrix("duplication", [AgencyRef(a["id"], a["nameFa"], a.get("nameEn"), a.get("code")) for a in agencies.values()], directed=False)
    findings: list[DuplicationFinding] = []
    for (i, j), text in _candidates(duties, params).items():
        a, b = duties[i], duties[j]
        if a.get("agencyId") == b.get("agencyId"):
            continue  # one agency's own duties are not parallel work between agencies
        same_group = a["functionCode"] == b["functionCode"]
        same_div = division(a["functionCode"]) == division(b["functionCode"])
        shared = sorted(set(a.get("beneficiaries") or []) & set(b.get("beneficiaries") or []))
        union = set(a.get("beneficiaries") or []) | set(b.get("beneficiaries") or [])
        geo = _geo_overlap(a.get("geography") or [], b.get("geography") or [])
        kind = classify(text, same_group, same_div, shared, geo, params)
        if kind is None:
            continue
        score = (
            params.weight_text * text
            + params.weight_function * (1.0 if same_group else 0.5 if same_div else 0.0)
            + params.weight_beneficiaries * (len(shared) / len(union) if union else 0.0)
            + params.weight_geography * (1.0 if geo else 0.0)
        )
        fid = finding_id(a["id"], b["id"])
        why = (f"{kind}: text {text:.2f}, function {a['functionCode']}/{b['functionCode']}, "
               f"shared beneficiaries {shared or '-'}, shared geography {geo or '-'}")  # fmt: skip
        finding = DuplicationFinding(fid, kind, round(score, 4), round(text, 4), same_group, same_div, shared, geo,
                                     a["id"], b["id"], a["agencyId"], b["agencyId"], why)  # fmt: skip
        verdict = verdicts.get(fid)
        if verdict is not None:
            if verdict.fingerprint == fingerprint([a, b]):
                finding.verdict = verdict.verdict
            else:
                finding.verdict_stale = True
        findings.append(finding)
        if kind != "fragmentation" and finding.verdict != "dismissed":
            matrix.add(a["agencyId"], b["agencyId"], finding.score,
                       {"findingId": fid, "dutyA": a["id"], "dutyB": b["id"], "class": kind, "why": why})  # fmt: skip
    order = {"duplication": 0, "overlap": 1, "fragmentation": 2}
    findings.sort(key=lambda f: (order[f.classification], -f.score, f.id))
    return DuplicationResult(params.model_dump(), findings, _areas(duties), matrix)


def _areas(duties: list[dict[str, Any]]) -> list[FragmentedArea]:
    agencies: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    for d in duties:
        div = division(d["functionCode"])
        agencies[div].add(d["agencyId"])
        counts[div] += 1
    return [
        FragmentedArea(div, function_name(div, "fa"), function_name(div, "en"), sorted(ids), counts[div])
        for div, ids in sorted(agencies.items(), key=lambda kv: -len(kv[1]))
        if len(ids) > 1
    ]
