"""GraphQL views of the analysis results: matrices with evidence, findings, opportunities."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from service.graphql.types.common import from_row
from service.registry.specs import CAPACITY, DUTY

if TYPE_CHECKING:  # the analysis modules (numpy, scipy, networkx) are imported when an analysis first runs
    from service.analysis import alignment as al
    from service.analysis import duplication as du
    from service.analysis import winwin as ww
    from service.analysis.matrix import AgencyMatrix as Matrix
    from service.graphql.types.duty import Duty
    from service.graphql.types.resources import Capacity

_duty = Annotated["Duty", strawberry.lazy("service.graphql.types.duty")]
_capacity = Annotated["Capacity", strawberry.lazy("service.graphql.types.resources")]


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
        return [MatrixAgency(id=a.id, name_fa=a.name_fa, name_en=a.name_en, code=a.code) for a in order]  # type: ignore[arg-type]

    @strawberry.field
    def cells(self, min_value: float = 0.0) -> list[MatrixCell]:
        return [
            MatrixCell(row=c.row, col=c.col, value=c.value, evidence=c.evidence)  # type: ignore[arg-type]
            for c in sorted(self.source.cells.values(), key=lambda c: (-c.value, c.row, c.col))
            if c.value >= min_value
        ]

    @staticmethod
    def of(matrix: Matrix) -> AgencyMatrix:
        return AgencyMatrix(name=matrix.name, directed=matrix.directed, source=matrix)


Classification = strawberry.enum(
    __import__("enum").Enum("Classification", {"DUPLICATION": "duplication", "OVERLAP": "overlap", "FRAGMENTATION": "fragmentation"}),
    description="GAO: duplication (same activity, same people) > overlap (similar) > fragmentation (same broad area)",
)


@strawberry.type
class DuplicationFinding:
    id: strawberry.ID
    classification: Classification  # type: ignore[valid-type]
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
    verdict: str | None = strawberry.field(description="confirmed or dismissed, while both duties are unchanged")
    verdict_stale: bool = strawberry.field(description="judged once, but a duty has changed since")

    @strawberry.field
    async def duty_a(self, info: Info) -> _duty | None:
        return await _duty_of(info, self.duty_a_id)

    @strawberry.field
    async def duty_b(self, info: Info) -> _duty | None:
        return await _duty_of(info, self.duty_b_id)

    @staticmethod
    def of(f: du.DuplicationFinding) -> DuplicationFinding:
        return DuplicationFinding(
            id=f.id, classification=Classification(f.classification), score=f.score, text_similarity=f.text_similarity,
            same_group=f.same_group, same_division=f.same_division, beneficiaries_shared=f.beneficiaries_shared,
            geography_overlap=f.geography_overlap, duty_a_id=f.duty_a, duty_b_id=f.duty_b, agency_a_id=f.agency_a,
            agency_b_id=f.agency_b, why=f.why, verdict=f.verdict, verdict_stale=f.verdict_stale,
        )  # type: ignore[arg-type]  # fmt: skip


async def _duty_of(info: Info, ident: str) -> Any:
    from service.graphql.types.duty import Duty

    row = await info.context.loaders.entity(DUTY).load(ident)
    return from_row(Duty, row) if row else None


@strawberry.type(description="A COFOG division worked by several agencies (GAO fragmentation)")
class FragmentedArea:
    division: str
    name_fa: str | None
    name_en: str | None
    agency_ids: list[strawberry.ID]
    duty_count: int


@strawberry.type
class DuplicationReport:
    parameters: JSON
    areas: list[FragmentedArea]
    matrix: AgencyMatrix
    result: strawberry.Private[Any]  # service.analysis.duplication.DuplicationResult

    @strawberry.field
    def findings(self, classification: list[Classification] | None = None,  # type: ignore[valid-type]
                 include_dismissed: bool = False) -> list[DuplicationFinding]:  # fmt: skip
        wanted = {c.value for c in classification} if classification else None
        return [
            DuplicationFinding.of(f) for f in self.result.findings
            if (wanted is None or f.classification in wanted) and (include_dismissed or f.verdict != "dismissed")
        ]  # fmt: skip

    @staticmethod
    def of(r: du.DuplicationResult) -> DuplicationReport:
        areas = [FragmentedArea(division=a.division, name_fa=a.name_fa, name_en=a.name_en, agency_ids=a.agency_ids,  # type: ignore[arg-type]
                                duty_count=a.duty_count) for a in r.areas]  # fmt: skip
        return DuplicationReport(parameters=r.parameters, areas=areas, matrix=AgencyMatrix.of(r.matrix), result=r)


@strawberry.type(description="A capacity of the provider answering a need or an issue of the receiver")
class WinWinMatch:
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

    @strawberry.field
    async def capacity(self, info: Info) -> _capacity | None:
        from service.graphql.types.resources import Capacity

        row = await info.context.loaders.entity(CAPACITY).load(self.capacity_id)
        return from_row(Capacity, row) if row else None

    @staticmethod
    def of(m: ww.Match) -> WinWinMatch:
        return WinWinMatch(
            capacity_id=m.capacity_id, target_id=m.target_id, target_kind=m.target_kind, provider_id=m.provider,
            receiver_id=m.receiver, score=m.score, text_similarity=m.text_similarity, benefit_rials=m.benefit_rials,
            cost_rials=m.cost_rials, net_rials=m.net, why=m.why,
        )  # type: ignore[arg-type]  # fmt: skip


@strawberry.type(description="A reciprocal pair or an exchange cycle: agencies[i] gives to agencies[i+1], the last to the first")
class Opportunity:
    id: strawberry.ID
    kind: str
    agency_ids: list[strawberry.ID]
    matches: list[WinWinMatch]
    net_benefit_rials: float
    chosen: bool

    @staticmethod
    def of(o: ww.Opportunity) -> Opportunity:
        return Opportunity(id=o.id, kind=o.kind, agency_ids=o.agencies, matches=[WinWinMatch.of(m) for m in o.matches],  # type: ignore[arg-type]
                           net_benefit_rials=o.net_benefit_rials, chosen=o.chosen)  # fmt: skip


@strawberry.type
class WinWinReport:
    parameters: JSON
    matches: list[WinWinMatch]
    opportunities: list[Opportunity]
    total_chosen_rials: float
    cycles_truncated: bool
    optimal: bool = strawberry.field(description="False when the solver's time limit ended it before proving the set best")
    matrix: AgencyMatrix

    @strawberry.field(description="The best set: an exact cycle-packing integer programme")
    def chosen(self) -> list[Opportunity]:
        return [o for o in self.opportunities if o.chosen]

    @strawberry.field
    def reciprocal_pairs(self) -> list[Opportunity]:
        return [o for o in self.opportunities if o.kind == "reciprocal"]

    @strawberry.field
    def cycles(self) -> list[Opportunity]:
        return [o for o in self.opportunities if o.kind == "cycle"]

    @staticmethod
    def of(r: ww.WinWinResult) -> WinWinReport:
        return WinWinReport(
            parameters=r.parameters, matches=[WinWinMatch.of(m) for m in r.matches],
            opportunities=[Opportunity.of(o) for o in r.opportunities], total_chosen_rials=r.total_chosen_rials,
            cycles_truncated=r.cycles_truncated, optimal=r.optimal, matrix=AgencyMatrix.of(r.matrix),
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

    @strawberry.field
    def misaligned(self) -> list[AlignmentItem]:
        return [i for i in self.items if not i.aligned]

    @staticmethod
    def of(r: al.AlignmentResult) -> AlignmentReport:
        items = [AlignmentItem(kind=i.kind, id=i.id, title=i.title, provider_id=i.provider, aligned=i.aligned,  # type: ignore[arg-type]
                               duty_id=i.duty_id, similarity=i.similarity, why=i.why) for i in r.items]  # fmt: skip
        agencies = [AgencyAlignment(agency_id=a.agency_id, name_fa=a.name_fa, aligned=a.aligned, total=a.total,  # type: ignore[arg-type]
                                    ratio=a.ratio) for a in r.agencies]  # fmt: skip
        return AlignmentReport(parameters=r.parameters, items=items, agencies=agencies)


@strawberry.type(description="An analysis whose details come as JSON, with its matrix when it has one")
class GenericReport:
    data: JSON
    matrix: AgencyMatrix | None

    @staticmethod
    def of(result: Any) -> GenericReport:
        from service.analysis.matrix import AgencyMatrix as Matrix

        matrix = getattr(result, "matrix", None)
        data = {k: v for k, v in result.as_dict().items() if k != "matrix"}
        return GenericReport(data=data, matrix=AgencyMatrix.of(matrix) if isinstance(matrix, Matrix) else None)


@strawberry.type
class FindingVerdict:
    finding_id: strawberry.ID
    verdict: str
    fingerprint: str
    by: str | None
    at: str | None
    note: str | None
