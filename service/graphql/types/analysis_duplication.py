"""GraphQL views of the duplication analysis: findings with their evidence, fragmented areas, spend, learning."""

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import ID
from strawberry.scalars import JSON
from strawberry.types import Info

from service.analysis.money import SpendRow as SpendRowData, in_period, spend_by_area
from service.graphql.types.common import Rials, from_row
from service.registry.specs import DUTY

if TYPE_CHECKING:  # the analysis modules (numpy, scipy, networkx) are imported when an analysis first runs
    from service.analysis import duplication as du
    from service.graphql.types.duty import Duty
from service.graphql.types.analysis_common import AFTER, FIRST, AgencyMatrix, _budget, _duty, page


@strawberry.enum(description="GAO: duplication (same activity, same people) > overlap (similar) > fragmentation (same broad area)")
class Classification(Enum):
    DUPLICATION = "duplication"
    OVERLAP = "overlap"
    FRAGMENTATION = "fragmentation"


FindingOption = strawberry.enum(
    __import__("enum").Enum("FindingOption", {"MERGE": "merge", "LEAD_AGENCY": "lead_agency", "AGREEMENT": "agreement", "KEEP": "keep"}),
    description="GAO step 4: merge the duties, name a lead agency, an agreement between the two, or keep (warranted)",
)


@strawberry.type
class DuplicationFinding:
    id: strawberry.ID
    classification: Classification
    score: float
    text_similarity: float
    same_group: bool
    same_division: bool
    beneficiaries_shared: list[str]
    geography_overlap: list[str]
    duty_a_id: strawberry.ID
    duty_b_id: strawberry.ID
    agency_a_id: strawberry.ID
    agency_b_id: strawberry.ID
    why: str
    activity_shared: list[str] = strawberry.field(description="thesaurus concepts (objects, then actions) both duties name")
    evidence_kinds: list[str] = strawberry.field(description="kinds of evidence that agree: function, activity, beneficiaries, geography")
    option: FindingOption = strawberry.field(description="GAO step 4: the suggested option")  # type: ignore[valid-type]
    verdict: str | None = strawberry.field(description="confirmed or dismissed, while both duties are unchanged")
    verdict_stale: bool = strawberry.field(description="judged once, but a duty has changed since")
    verdict_by: str | None = strawberry.field(description="who gave the verdict (GAO step 3: validation)")
    verdict_at: str | None = strawberry.field(description="when the verdict was given")
    verdict_note: str | None = strawberry.field(description="why, in the officer's words")
    confidence: float | None = strawberry.field(description="the chance an officer confirms it, learnt from verdicts (null while the rules stand)")
    source: strawberry.Private[Any]  # service.analysis.duplication.DuplicationFinding

    @strawberry.field(description="The finding in Persian for an officer: duties, agencies, evidence, money, effect, option")
    def explanation_fa(self) -> str:
        return str(self.source.explanation_fa)

    @strawberry.field(description="One Persian line: the class and the evidence that agrees")
    def summary_fa(self) -> str:
        return str(self.source.summary_fa)

    @strawberry.field(description="GAO step 2 in Persian: the cost at stake and the effect on the service")
    def effect_fa(self) -> str:
        return str(self.source.effect_fa)

    @strawberry.field(description="Duty A's budget by Jalali fiscal year in the period")
    def budgets_a(self, from_year: int | None = None, to_year: int | None = None) -> list[_budget]:
        return _budgets(self.source.budget_a, from_year, to_year)

    @strawberry.field(description="Duty B's budget by Jalali fiscal year in the period")
    def budgets_b(self, from_year: int | None = None, to_year: int | None = None) -> list[_budget]:
        return _budgets(self.source.budget_b, from_year, to_year)

    @strawberry.field(description="Rials at stake in the period: the smaller budget in each year both are funded (none for fragmentation)")
    def at_stake_rials(self, from_year: int | None = None, to_year: int | None = None) -> Rials:
        return Rials(sum(self.source.at_stake(from_year, to_year).values()))

    @strawberry.field
    async def duty_a(self, info: Info) -> _duty | None:
        return await _duty_of(info, self.duty_a_id)

    @strawberry.field
    async def duty_b(self, info: Info) -> _duty | None:
        return await _duty_of(info, self.duty_b_id)

    @staticmethod
    def of(f: "du.DuplicationFinding") -> "DuplicationFinding":
        return DuplicationFinding(
            id=ID(f.id), classification=Classification(f.classification), score=f.score, text_similarity=f.text_similarity,
            same_group=f.same_group, same_division=f.same_division, beneficiaries_shared=f.beneficiaries_shared,
            geography_overlap=f.geography_overlap, duty_a_id=ID(f.duty_a), duty_b_id=ID(f.duty_b), agency_a_id=ID(f.agency_a),
            agency_b_id=ID(f.agency_b), why=f.why, activity_shared=f.activity_shared, evidence_kinds=f.evidence_kinds,
            option=FindingOption(f.option), verdict=f.verdict, source=f, confidence=f.confidence,
            verdict_stale=f.verdict_stale, verdict_by=f.verdict_by, verdict_at=f.verdict_at, verdict_note=f.verdict_note,
        )  # fmt: skip


def _budgets(budget: dict[int, int], from_year: int | None, to_year: int | None) -> list[Any]:
    from service.graphql.types.duty import DutyBudget

    return [DutyBudget(year=y, rials=r) for y, r in sorted(in_period(budget, from_year, to_year).items())]  # type: ignore[arg-type]


async def _duty_of(info: Info, ident: str) -> "Duty | None":
    from service.graphql.types.duty import Duty

    row = await info.context.loaders.entity(DUTY).load(ident)
    return from_row(Duty, row) if row else None


@strawberry.type(description="A COFOG group worked by several agencies (GAO fragmentation), with its duties")
class FragmentedArea:
    division: str = strawberry.field(description="the COFOG group's code (e.g. 05.4)")
    name_fa: str | None
    name_en: str | None
    agency_ids: list[strawberry.ID]
    duty_count: int
    duty_ids: list[strawberry.ID]
    budget: strawberry.Private[dict[int, int]]

    @strawberry.field(description="The group's duties' budgets summed by Jalali fiscal year, in the period")
    def budgets(self, from_year: int | None = None, to_year: int | None = None) -> list[_budget]:
        return _budgets(self.budget, from_year, to_year)


VerdictState = strawberry.enum(
    __import__("enum").Enum("VerdictState", {"CONFIRMED": "confirmed", "DISMISSED": "dismissed", "UNJUDGED": "unjudged"}),
    description="GAO step 3: a finding confirmed or dismissed by the directorate, or not judged yet",
)


@strawberry.type(description="What duplication and overlap findings put at stake in one COFOG group and Jalali year")
class SpendRow:
    group: str
    name_fa: str | None
    name_en: str | None
    year: int
    duplication_rials: Rials
    overlap_rials: Rials
    findings: int

    @staticmethod
    def of(r: SpendRowData) -> "SpendRow":
        return SpendRow(group=r.group, name_fa=r.name_fa, name_en=r.name_en, year=r.year,
                        duplication_rials=Rials(r.duplication_rials), overlap_rials=Rials(r.overlap_rials), findings=r.findings)  # fmt: skip


@strawberry.type(description="One bin of the reliability table: predicted chance against the observed share confirmed")
class CalibrationBin:
    from_: float = strawberry.field(name="from")
    to: float
    predicted: float
    observed: float
    count: int


@strawberry.type(description="What the model learnt from the directorate's verdicts, and how far to trust it")
class DuplicationLearning:
    verdicts: int
    confirmed: int
    dismissed: int
    active: bool = strawberry.field(description="false while too few verdicts: the rule-based classes stand")
    brier: float | None = strawberry.field(description="cross-validated Brier score (0 perfect, 0.25 a coin toss)")
    calibration: list[CalibrationBin]
    coefficients: JSON
    note: str


@strawberry.type
class DuplicationReport:
    parameters: JSON
    areas: list[FragmentedArea]
    matrix: AgencyMatrix
    result: strawberry.Private[Any]  # service.analysis.duplication.DuplicationResult

    def _findings(self, classification: list[Any] | None, include_dismissed: bool, option: list[Any] | None = None,
                  verdict: list[Any] | None = None, from_year: int | None = None, to_year: int | None = None,
                  min_at_stake_rials: int | None = None) -> list[Any]:  # fmt: skip
        wanted = {c.value for c in classification} if classification else None
        options = {o.value for o in option} if option else None
        states = {v.value for v in verdict} if verdict else None
        out = []
        for f in self.result.findings:
            if wanted is not None and f.classification not in wanted:
                continue
            if not include_dismissed and f.verdict == "dismissed" and not (states and "dismissed" in states):
                continue
            if options is not None and f.option not in options:
                continue
            if states is not None and (f.verdict or "unjudged") not in states:
                continue
            if min_at_stake_rials is not None and sum(f.at_stake(from_year, to_year).values()) < min_at_stake_rials:
                continue
            out.append(f)
        return out

    @strawberry.field(description="Duplication, then overlap, then fragmentation, strongest first; filter by class, option, "
                                  "verdict and money at stake; a page at a time (first, after)")  # fmt: skip
    def findings(self, classification: list[Classification] | None = None,
                 include_dismissed: bool = False, option: list[FindingOption] | None = None,  # type: ignore[valid-type]
                 verdict: list[VerdictState] | None = None, from_year: int | None = None,  # type: ignore[valid-type]
                 to_year: int | None = None, min_at_stake_rials: Rials | None = None,
                 first: Annotated[int | None, FIRST] = None,
                 after: Annotated[strawberry.ID | None, AFTER] = None) -> list[DuplicationFinding]:  # fmt: skip
        selected = self._findings(classification, include_dismissed, option, verdict, from_year, to_year, min_at_stake_rials)
        return [DuplicationFinding.of(f) for f in page(selected, lambda f: f.id, first, after)]

    @strawberry.field(description="How many findings the same filters select, all pages together")
    def finding_count(self, classification: list[Classification] | None = None,
                      include_dismissed: bool = False, option: list[FindingOption] | None = None,  # type: ignore[valid-type]
                      verdict: list[VerdictState] | None = None, from_year: int | None = None,  # type: ignore[valid-type]
                      to_year: int | None = None, min_at_stake_rials: Rials | None = None) -> int:  # fmt: skip
        return len(self._findings(classification, include_dismissed, option, verdict, from_year, to_year, min_at_stake_rials))

    @strawberry.field(description="What the ranking learnt from verdicts")
    def learning(self) -> DuplicationLearning:
        info = self.result.learning
        bins = [CalibrationBin(from_=b["from"], to=b["to"], predicted=b["predicted"], observed=b["observed"],
                               count=int(b["count"])) for b in info.calibration]  # fmt: skip
        return DuplicationLearning(verdicts=info.verdicts, confirmed=info.confirmed, dismissed=info.dismissed,
                                   active=info.active, brier=info.brier, calibration=bins,
                                   coefficients=JSON(info.coefficients), note=info.note)  # fmt: skip

    @strawberry.field(description="The agency matrix weighted by rials: what duplication and overlap findings put at stake in the period")
    def matrix_rials(self, from_year: int | None = None, to_year: int | None = None) -> AgencyMatrix:
        from service.analysis.matrix import AgencyMatrix as Money

        money = Money("duplication_rials", self.result.matrix.agencies, directed=False)
        for f in self.result.findings:
            if f.classification == "fragmentation" or f.verdict == "dismissed":
                continue
            at_stake = sum(f.at_stake(from_year, to_year).values())
            if at_stake:
                money.add(f.agency_a, f.agency_b, float(at_stake),
                          {"findingId": f.id, "class": f.classification, "rials": at_stake, "why": f.summary_fa})  # fmt: skip
        return AgencyMatrix.of(money)

    @strawberry.field(description="Duplicated and overlapping spend by COFOG group and Jalali year (dismissed findings left out)")
    def spend(self, from_year: int | None = None, to_year: int | None = None) -> list[SpendRow]:
        rows = spend_by_area(self.result, self.result.groups, from_year, to_year).rows
        return [SpendRow.of(r) for r in rows]

    @staticmethod
    def of(r: "du.DuplicationResult") -> "DuplicationReport":
        areas = [FragmentedArea(division=a.division, name_fa=a.name_fa, name_en=a.name_en, agency_ids=[ID(x) for x in a.agency_ids],
                                duty_count=a.duty_count, duty_ids=[ID(x) for x in a.duty_ids], budget=a.budget) for a in r.areas]  # fmt: skip
        return DuplicationReport(parameters=JSON(r.parameters), areas=areas, matrix=AgencyMatrix.of(r.matrix), result=r)


@strawberry.type
class FindingVerdict:
    finding_id: strawberry.ID
    verdict: str
    fingerprint: str
    by: str | None
    at: str | None
    note: str | None
    option: FindingOption | None = None  # type: ignore[valid-type]
