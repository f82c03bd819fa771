"""GraphQL views of the win-win analysis: matches, parties, opportunities, sensitivity and the report."""

from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import ID
from strawberry.scalars import JSON
from strawberry.types import Info

from service.graphql.types.common import from_row
from service.registry.specs import CAPACITY

if TYPE_CHECKING:  # the analysis modules (numpy, scipy, networkx) are imported when an analysis first runs
    from service.analysis import winwin as ww
from service.graphql.types.analysis_common import AFTER, FIRST, AgencyMatrix, _capacity, page


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
    def of(m: "ww.Match") -> "WinWinMatch":
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
    def of(o: "ww.Opportunity") -> "Opportunity":
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
    def of(r: "ww.WinWinResult") -> "WinWinReport":
        return WinWinReport(
            parameters=JSON(r.parameters), total_chosen_rials=r.total_chosen_rials, cycles_truncated=r.cycles_truncated,
            optimal=r.optimal, gap=r.gap, bound_rials=r.bound_rials, today=r.parameters.get("today", ""),
            in_place=[WinWinMatch.of(m) for m in r.in_place], left_out=JSON(r.left_out), assumptions=r.assumptions,
            solver=JSON(r.solver), matrix=AgencyMatrix.of(r.matrix), result=r,
        )  # fmt: skip
