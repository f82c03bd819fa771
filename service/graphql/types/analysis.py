"""GraphQL views of the analysis results: matrices with evidence, findings, opportunities."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import strawberry
from strawberry import ID
from strawberry.scalars import JSON
from strawberry.types import Info

from service.analysis.money import SpendRow as SpendRowData, in_period, spend_by_area
from service.errors import ServiceError
from service.graphql.pagination import page_size
from service.graphql.types.common import Rials, from_row
from service.registry.specs import CAPACITY, DUTY

if TYPE_CHECKING:  # the analysis modules (numpy, scipy, networkx) are imported when an analysis first runs
    from service.analysis import alignment as al, duplication as du, winwin as ww
    from service.analysis.matrix import AgencyMatrix as Matrix
    from service.graphql.types.duty import Duty, DutyBudget
    from service.graphql.types.resources import Capacity

T = TypeVar("T")
# Results are paged: the city's duplication result is 22,000 findings (20 MB of JSON); a page is read
# with `first` records after the record whose id is `after` (the last of the previous page).
PAGE_DEFAULT, PAGE_MAX = 500, 5000
FIRST = strawberry.argument(description=f"how many records (default {PAGE_DEFAULT}, at most {PAGE_MAX})")
AFTER = strawberry.argument(description="the id of the last record of the previous page; none for the first page")


def page(items: Sequence[T], ident: Callable[[T], str], first: int | None, after: str | None) -> list[T]:
    """``first`` records after the one whose id is ``after``; an id not in the result is the client's error
    (the registry changed since the previous page: start again)."""
    size = page_size(first, PAGE_DEFAULT, PAGE_MAX)
    start = 0
    if after is not None:
        found = next((i for i, item in enumerate(items) if ident(item) == after), None)
        if found is None:
            raise ServiceError("BAD_CURSOR", f"no record {after!r} in this result (it changed): start from the first page",
                               f"رکورد «{after}» در این نتیجه نیست (نتیجه تغییر کرده است)؛ از صفحهٔ نخست آغاز کنید",
                               field="after")  # fmt: skip
        start = found + 1
    return list(items[start:start + size])


_duty = Annotated["Duty", strawberry.lazy("service.graphql.types.duty")]
_capacity = Annotated["Capacity", strawberry.lazy("service.graphql.types.resources")]
_budget = Annotated["DutyBudget", strawberry.lazy("service.graphql.types.duty")]


@strawberry.type
class MatrixAgency:
    id: strawberry.ID
    name_fa: str
    name_en: str | None
    code: str | None


@strawberry.type(description="One non-empty cell, with the records that explain it")
class MatrixCell:
    row: strawberry.ID
    col: strawberry.ID
    value: float
    evidence: JSON


@strawberry.type(description="An agency × agency matrix; only non-empty cells are listed")
class AgencyMatrix:
    name: str
    directed: bool
    source: strawberry.Private[Any]  # service.analysis.matrix.AgencyMatrix

    @strawberry.field(description="Rows/columns; by default ordered so that blocks show (reverse Cuthill–McKee)")
    def agencies(self, block_order: bool = True, involved_only: bool = False) -> list[MatrixAgency]:
        order = self.source.ordered() if block_order else self.source.agencies
        if involved_only:
            involved = {a for key in self.source.cells for a in key}
            order = [a for a in order if a.id in involved]
        return [MatrixAgency(id=ID(a.id), name_fa=a.name_fa, name_en=a.name_en, code=a.code) for a in order]

    @strawberry.field
    def cells(self, min_value: float = 0.0) -> list[MatrixCell]:
        return [
            MatrixCell(row=ID(c.row), col=ID(c.col), value=c.value, evidence=JSON(c.evidence))
            for c in sorted(self.source.cells.values(), key=lambda c: (-c.value, c.row, c.col))
            if c.value >= min_value
        ]

    @staticmethod
    def of(matrix: Matrix) -> AgencyMatrix:
        return AgencyMatrix(name=matrix.name, directed=matrix.directed, source=matrix)


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
    def of(f: du.DuplicationFinding) -> DuplicationFinding:
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


async def _duty_of(info: Info, ident: str) -> Duty | None:
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
    def of(r: SpendRowData) -> SpendRow:
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
    def of(r: du.DuplicationResult) -> DuplicationReport:
        areas = [FragmentedArea(division=a.division, name_fa=a.name_fa, name_en=a.name_en, agency_ids=[ID(x) for x in a.agency_ids],
                                duty_count=a.duty_count, duty_ids=[ID(x) for x in a.duty_ids], budget=a.budget) for a in r.areas]  # fmt: skip
        return DuplicationReport(parameters=JSON(r.parameters), areas=areas, matrix=AgencyMatrix.of(r.matrix), result=r)


def match_id(m: Any) -> str:
    return f"{m.capacity_id}>{m.target_id}"


@strawberry.type(description="A capacity of the provider answering a need or an issue of the receiver")
class WinWinMatch:
    id: strawberry.ID = strawberry.field(description="capacityId>targetId: what `after` takes")
    capacity_id: strawberry.ID
    target_id: strawberry.ID
    target_kind: str
    provider_id: strawberry.ID
    receiver_id: strawberry.ID
    score: float
    text_similarity: float
    benefit_rials: float
    cost_rials: float
    net_rials: float
    why: str
    benefit_source: str = strawberry.field(description="Where the benefit comes from: the need's stated value or the default used")
    cost_source: str = strawberry.field(description="Where the provider's cost comes from")
    cover: float | None = strawberry.field(description="Share of the need the capacity covers, in the need's unit (null: not comparable)")
    unit: str | None
    in_place: JSON | None = strawberry.field(description="The exchange or request that already arranges this match (kind, id, status, title, date)")

    @strawberry.field
    async def capacity(self, info: Info) -> _capacity | None:
        from service.graphql.types.resources import Capacity

        row = await info.context.loaders.entity(CAPACITY).load(self.capacity_id)
        return from_row(Capacity, row) if row else None

    @staticmethod
    def of(m: ww.Match) -> WinWinMatch:
        return WinWinMatch(
            id=ID(match_id(m)), capacity_id=ID(m.capacity_id), target_id=ID(m.target_id), target_kind=m.target_kind, provider_id=ID(m.provider),
            receiver_id=ID(m.receiver), score=m.score, text_similarity=m.text_similarity, benefit_rials=m.benefit_rials,
            cost_rials=m.cost_rials, net_rials=m.net, why=m.why, benefit_source=m.benefit_source,
            cost_source=m.cost_source, cover=m.cover, unit=m.unit, in_place=JSON(m.in_place) if m.in_place else None,
        )  # fmt: skip


@strawberry.type(description="What one agency gets and gives in an opportunity")
class WinWinParty:
    agency_id: strawberry.ID
    gains_rials: float
    gives_rials: float
    net_rials: float


@strawberry.type(description="The plan solved again with values moved: does the chosen set hold?")
class SensitivityScenario:
    scenario: str
    same_set: bool
    added: list[strawberry.ID]
    removed: list[strawberry.ID]
    total_rials: float
    optimal: bool


@strawberry.type(description="A reciprocal pair or an exchange cycle: agencies[i] gives to agencies[i+1], the last to the first")
class Opportunity:
    id: strawberry.ID
    kind: str
    agency_ids: list[strawberry.ID]
    matches: list[WinWinMatch]
    net_benefit_rials: float
    chosen: bool
    parties: list[WinWinParty]
    everyone_gains: bool = strawberry.field(description="Every party ends better off")
    carriers: list[strawberry.ID] = strawberry.field(description="Parties that end even or worse off: they carry the cost")

    @staticmethod
    def of(o: ww.Opportunity) -> Opportunity:
        parties = [WinWinParty(agency_id=ID(p.agency_id), gains_rials=p.gains_rials, gives_rials=p.gives_rials,
                               net_rials=p.net_rials) for p in o.parties]  # fmt: skip
        return Opportunity(id=ID(o.id), kind=o.kind, agency_ids=[ID(x) for x in o.agencies], matches=[WinWinMatch.of(m) for m in o.matches],
                           net_benefit_rials=o.net_benefit_rials, chosen=o.chosen, parties=parties,
                           everyone_gains=o.everyone_gains, carriers=[ID(x) for x in o.carriers])  # fmt: skip


@strawberry.type
class WinWinReport:
    parameters: JSON
    total_chosen_rials: float
    cycles_truncated: bool = strawberry.field(description="Always false: every cycle is priced (column generation)")
    optimal: bool = strawberry.field(description="True only when the whole problem was solved to proven optimality")
    gap: float = strawberry.field(description="(bound - total) / bound: 0 when optimal")
    bound_rials: float = strawberry.field(description="The best upper bound on the plan's total known to the solver")
    today: str = strawberry.field(description="The day (ISO) the registry was judged on")
    in_place: list[WinWinMatch] = strawberry.field(description="Matches already arranged by an exchange or a live request: never recommended")
    left_out: JSON = strawberry.field(description="Capacities and needs left out of the matching, counted by status today")
    assumptions: list[str]
    solver: JSON
    matrix: AgencyMatrix
    result: strawberry.Private[Any]  # service.analysis.winwin.WinWinResult

    def _opportunities(self, kind: str | None, first: int | None, after: str | None) -> list[Opportunity]:
        found = [o for o in self.result.opportunities if kind is None or o.kind == kind]
        return [Opportunity.of(o) for o in page(found, lambda o: o.id, first, after)]

    @strawberry.field(description="Every match, a page at a time (first, after)")
    def matches(self, first: Annotated[int | None, FIRST] = None,
                after: Annotated[strawberry.ID | None, AFTER] = None) -> list[WinWinMatch]:  # fmt: skip
        return [WinWinMatch.of(m) for m in page(self.result.matches, match_id, first, after)]

    @strawberry.field(description="Reciprocal pairs and cycles, a page at a time (first, after)")
    def opportunities(self, first: Annotated[int | None, FIRST] = None,
                      after: Annotated[strawberry.ID | None, AFTER] = None) -> list[Opportunity]:  # fmt: skip
        return self._opportunities(None, first, after)

    @strawberry.field(description="The plan solved again with benefits or costs moved ±25% (computed when asked for)")
    def sensitivity(self) -> list[SensitivityScenario]:
        return [SensitivityScenario(scenario=x["scenario"], same_set=x["sameSet"], added=[ID(a) for a in x["added"]],
                                    removed=[ID(a) for a in x["removed"]], total_rials=x["totalRials"], optimal=x["optimal"])
                for x in self.result.sensitivity]  # fmt: skip

    @strawberry.field
    def match_count(self) -> int:
        return len(self.result.matches)

    @strawberry.field
    def opportunity_count(self) -> int:
        return len(self.result.opportunities)

    @strawberry.field(description="The best set: an exact cycle-packing integer programme")
    def chosen(self) -> list[Opportunity]:
        return [Opportunity.of(o) for o in self.result.opportunities if o.chosen]

    @strawberry.field(description="A page at a time (first, after)")
    def reciprocal_pairs(self, first: Annotated[int | None, FIRST] = None,
                         after: Annotated[strawberry.ID | None, AFTER] = None) -> list[Opportunity]:  # fmt: skip
        return self._opportunities("reciprocal", first, after)

    @strawberry.field(description="A page at a time (first, after)")
    def cycles(self, first: Annotated[int | None, FIRST] = None,
               after: Annotated[strawberry.ID | None, AFTER] = None) -> list[Opportunity]:  # fmt: skip
        return self._opportunities("cycle", first, after)

    @staticmethod
    def of(r: ww.WinWinResult) -> WinWinReport:
        return WinWinReport(
            parameters=JSON(r.parameters), total_chosen_rials=r.total_chosen_rials, cycles_truncated=r.cycles_truncated,
            optimal=r.optimal, gap=r.gap, bound_rials=r.bound_rials, today=r.parameters.get("today", ""),
            in_place=[WinWinMatch.of(m) for m in r.in_place], left_out=JSON(r.left_out), assumptions=r.assumptions,
            solver=JSON(r.solver), matrix=AgencyMatrix.of(r.matrix), result=r,
        )  # fmt: skip


@strawberry.type
class AlignmentItem:
    kind: str
    id: strawberry.ID
    title: str
    provider_id: strawberry.ID
    aligned: bool
    duty_id: strawberry.ID | None
    similarity: float | None
    why: str
    rule: str = strawberry.field(description="declared, own_capacity, own_issue, reporting, resembles or none")
    declared_duty_id: strawberry.ID | None
    declared_verified: bool | None = strawberry.field(description="A declared duty link checked: the provider's and fitting (null: none declared)")
    goals: list[strawberry.ID] = strawberry.field(description="Goals of the city's plans the record serves")
    goal_why: str
    amount_rials: float | None


@strawberry.type(description="A goal of a city plan: its strategies, focus area, level and the duties that carry it")
class PlanGoal:
    id: ID
    title_fa: str
    focus: str
    level: str
    strategies: list[str]
    duty_ids: list[ID]
    version: int | None = strawberry.field(default=None, description="The goal's version in the store (linkPlanGoal's expectedVersion)")


@strawberry.type(description="A city plan (seed 001's mid-term plan, seed 003's strategic plan shape)")
class CityPlan:
    id: ID
    title_fa: str
    title_en: str | None
    source: str
    levels: list[str]
    goals: list[PlanGoal]

    @staticmethod
    def of(p: dict[str, Any]) -> CityPlan:
        goals = [PlanGoal(id=ID(g["id"]), title_fa=g["titleFa"], focus=g.get("focus", ""), level=g.get("level", ""),
                          strategies=list(g.get("strategies") or []), duty_ids=[ID(d) for d in g.get("dutyIds") or []],
                          version=g.get("version"))
                 for g in p["goals"]]  # fmt: skip
        return CityPlan(id=ID(p["id"]), title_fa=p["titleFa"], title_en=p.get("titleEn"), source=p.get("source", ""),
                        levels=list(p.get("levels") or []), goals=goals)  # fmt: skip


@strawberry.type(description="A goal of the city's plans and what serves it")
class PlanGoalUse:
    goal_id: strawberry.ID
    plan_id: strawberry.ID
    title_fa: str
    focus: str
    level: str
    duty_ids: list[strawberry.ID]
    items: int
    amount_rials: float


@strawberry.type
class AgencyAlignment:
    agency_id: strawberry.ID
    name_fa: str
    aligned: int
    total: int
    ratio: float


@strawberry.type
class AlignmentReport:
    parameters: JSON
    items: list[AlignmentItem]
    agencies: list[AgencyAlignment]
    goals: list[PlanGoalUse]
    unserved: JSON = strawberry.field(description="Spending and effort that serve no goal of the plans, in total and per provider")

    @strawberry.field
    def misaligned(self) -> list[AlignmentItem]:
        return [i for i in self.items if not i.aligned]

    @staticmethod
    def of(r: al.AlignmentResult) -> AlignmentReport:
        items = [AlignmentItem(kind=i.kind, id=ID(i.id), title=i.title, provider_id=ID(i.provider), aligned=i.aligned,
                               duty_id=ID(i.duty_id) if i.duty_id is not None else None, similarity=i.similarity, why=i.why,
                               rule=i.rule, declared_duty_id=ID(i.declared_duty_id) if i.declared_duty_id else None,
                               declared_verified=i.declared_verified, goals=[ID(g) for g in i.goals], goal_why=i.goal_why,
                               amount_rials=i.amount_rials) for i in r.items]  # fmt: skip
        goals = [PlanGoalUse(goal_id=ID(g.goal_id), plan_id=ID(g.plan_id), title_fa=g.title_fa, focus=g.focus, level=g.level,
                             duty_ids=[ID(d) for d in g.duty_ids], items=g.items, amount_rials=g.amount_rials) for g in r.goals]  # fmt: skip
        agencies = [AgencyAlignment(agency_id=ID(a.agency_id), name_fa=a.name_fa, aligned=a.aligned, total=a.total,
                                    ratio=a.ratio) for a in r.agencies]  # fmt: skip
        return AlignmentReport(parameters=JSON(r.parameters), items=items, agencies=agencies, goals=goals, unserved=JSON(r.unserved))


@strawberry.type(description="An analysis whose details come as JSON, with its matrix when it has one")
class GenericReport:
    data: JSON
    matrix: AgencyMatrix | None

    @staticmethod
    def of(result: Any) -> GenericReport:
        from service.analysis.matrix import AgencyMatrix as Matrix

        matrix = getattr(result, "matrix", None)
        data = {k: v for k, v in result.as_dict().items() if k != "matrix"}
        return GenericReport(data=JSON(data), matrix=AgencyMatrix.of(matrix) if isinstance(matrix, Matrix) else None)


@strawberry.type
class FindingVerdict:
    finding_id: strawberry.ID
    verdict: str
    fingerprint: str
    by: str | None
    at: str | None
    note: str | None
    option: FindingOption | None = None  # type: ignore[valid-type]
