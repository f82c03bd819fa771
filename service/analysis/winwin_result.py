"""What a win-win analysis answers: matches with their value model, the parties of an opportunity, the
opportunities (reciprocal pairs and exchange cycles) and the whole result, with its JSON form."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from service.analysis.matrix import AgencyMatrix


@dataclass
class Match:
    """A capacity of ``provider`` answering a need (or an issue) of ``receiver``."""

    capacity_id: str
    target_id: str  # a need or an issue
    target_kind: str  # need | issue
    provider: str
    receiver: str
    score: float
    text_similarity: float
    benefit_rials: float
    cost_rials: float
    why: str
    benefit_source: str = ""
    cost_source: str = ""
    cover: float | None = None  # share of the need met, in the need's unit
    unit: str | None = None
    in_place: dict[str, Any] | None = None  # the exchange or request that already arranges it

    @property
    def net(self) -> float:
        return self.benefit_rials - self.cost_rials


@dataclass
class Party:
    """What one agency gets and gives in an opportunity."""

    agency_id: str
    gains_rials: float
    gives_rials: float

    @property
    def net_rials(self) -> float:
        return self.gains_rials - self.gives_rials


@dataclass
class Opportunity:
    id: str
    kind: str  # reciprocal | cycle
    agencies: list[str]  # in giving order: agencies[i] gives to agencies[i+1], the last to the first
    matches: list[Match]
    net_benefit_rials: float
    chosen: bool = False
    parties: list[Party] = field(default_factory=list)

    @property
    def everyone_gains(self) -> bool:
        return all(p.net_rials > 0 for p in self.parties)

    @property
    def carriers(self) -> list[str]:
        """Agencies left worse off or even: they carry the cost of the others' gain."""
        return [p.agency_id for p in self.parties if p.net_rials <= 0]


@dataclass
class WinWinResult:
    parameters: dict[str, Any]
    matches: list[Match]
    opportunities: list[Opportunity]
    total_chosen_rials: float
    matrix: AgencyMatrix = field(repr=False)
    cycles_truncated: bool = False  # kept for readers of old results: every cycle is now priced
    optimal: bool = True
    gap: float = 0.0
    bound_rials: float = 0.0
    in_place: list[Match] = field(default_factory=list)
    left_out: dict[str, dict[str, int]] = field(default_factory=dict)
    sensitivity_of: Any = field(default=None, repr=False)  # () -> scenarios (5 more solves: winwin_sensitivity.py)
    assumptions: list[str] = field(default_factory=list)
    solver: dict[str, Any] = field(default_factory=dict)

    @property
    def chosen(self) -> list[Opportunity]:
        return [o for o in self.opportunities if o.chosen]

    @property
    def sensitivity(self) -> list[dict[str, Any]]:
        """The plan solved again with values moved ±25%: solved when first asked for (or, for the
        command line, from when the plan was known), then kept."""
        if callable(self.sensitivity_of):
            self.sensitivity_of = self.sensitivity_of()
        return list(self.sensitivity_of or [])

    def as_dict(self) -> dict[str, Any]:
        return {
            "parameters": self.parameters,
            "assumptions": self.assumptions,
            "matches": [asdict(m) | {"net": m.net} for m in self.matches],
            "opportunities": [opportunity_dict(o) for o in self.opportunities],
            "inPlace": [asdict(m) | {"net": m.net} for m in self.in_place],
            "leftOut": self.left_out,
            "totalChosenRials": self.total_chosen_rials,
            "cyclesTruncated": self.cycles_truncated,
            "optimal": self.optimal,
            "gap": self.gap,
            "boundRials": self.bound_rials,
            "solver": self.solver,
            "sensitivity": self.sensitivity,
            "matrix": self.matrix.as_dict(),
        }


def opportunity_dict(o: Opportunity) -> dict[str, Any]:
    return asdict(o) | {
        "matches": [asdict(m) | {"net": m.net} for m in o.matches],
        "parties": [asdict(p) | {"net_rials": p.net_rials} for p in o.parties],
        "everyone_gains": o.everyone_gains,
        "carriers": o.carriers,
    }

