"""What a plan adds up to, from the actions a reader may read: the plan matrix (agency × agency:
what was agreed between them and what it is worth) and the progress view (actions late and done,
money realised against money expected).

Both are computed from rows the Repository already restricted, so an agency's matrix and progress
cover only the actions it owns.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from service.domain.enums import ActionStatus as A
from service.registry.plan_actions import is_late
from service.storage.port import Row

AGREED = frozenset({A.AGREED.value, A.IN_PROGRESS.value, A.DONE.value})  # what the matrix counts as agreed


def expected_of(action: Row) -> int:
    """What an action is expected to be worth: the saving plus the benefit (rials)."""
    return int(action.get("expectedSavingRials") or 0) + int(action.get("expectedBenefitRials") or 0)


@dataclass
class MatrixCell:
    row: str
    col: str
    value_rials: int = 0
    action_ids: list[str] = field(default_factory=list)


def plan_matrix(actions: list[Row]) -> list[MatrixCell]:
    """Agency × agency (both directions; one owner alone: the diagonal), over agreed, started and
    done actions: the value is the sum of what those actions are expected to be worth."""
    cells: dict[tuple[str, str], MatrixCell] = {}
    for a in actions:
        if a["status"] not in AGREED:
            continue
        owners = sorted(a.get("ownerIds") or [])
        pairs = [(o, o) for o in owners] if len(owners) == 1 else [p for x, y in combinations(owners, 2) for p in ((x, y), (y, x))]
        for r, c in pairs:
            cell = cells.setdefault((r, c), MatrixCell(r, c))
            cell.value_rials += expected_of(a)
            cell.action_ids.append(a["id"])
    return sorted(cells.values(), key=lambda c: (-c.value_rials, c.row, c.col))


@dataclass
class OwnerProgress:
    agency_id: str
    actions: int = 0
    done: int = 0
    late: int = 0
    expected_rials: int = 0
    realised_rials: int = 0


@dataclass
class Progress:
    today: str
    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    late_ids: list[str] = field(default_factory=list)
    done: int = 0
    expected_rials: int = 0  # of the actions not cancelled
    realised_rials: int = 0
    budget_rials: int = 0
    owners: list[OwnerProgress] = field(default_factory=list)

    @property
    def realised_share(self) -> float | None:
        return round(self.realised_rials / self.expected_rials, 4) if self.expected_rials else None


def plan_progress(actions: list[Row], today: str) -> Progress:
    out = Progress(today)
    by_status: dict[str, int] = defaultdict(int)
    owners: dict[str, OwnerProgress] = {}
    for a in sorted(actions, key=lambda r: (str(r.get("dueDate") or "9999"), r["id"])):
        by_status[a["status"]] += 1
        out.total += 1
        late = is_late(a, today)
        if late:
            out.late_ids.append(a["id"])
        live = a["status"] != A.CANCELLED.value
        out.done += a["status"] == A.DONE.value
        out.expected_rials += expected_of(a) if live else 0
        out.realised_rials += int(a.get("realisedRials") or 0)
        out.budget_rials += int(a.get("budgetRials") or 0) if live else 0
        for o in a.get("ownerIds") or []:
            p = owners.setdefault(o, OwnerProgress(o))
            p.actions += 1
            p.done += a["status"] == A.DONE.value
            p.late += late
            p.expected_rials += expected_of(a) if live else 0
            p.realised_rials += int(a.get("realisedRials") or 0)
    out.by_status = {s.value: by_status.get(s.value, 0) for s in A}
    out.owners = sorted(owners.values(), key=lambda p: (-p.late, -p.expected_rials, p.agency_id))
    return out
