"""The money at stake in duplicated work: each duty's annual budget by Jalali fiscal year, what a
finding puts at stake, and the duplicated spend by COFOG group and year (seed 002: stop parallel work
and surplus cost).

At stake in a year where both duties are funded: the smaller of the two budgets (had one agency done
the work, at most that much would not have been spent twice). Duplication puts it at stake, overlap
puts it at risk; fragmentation alone puts nothing at stake.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from service.data.taxonomy import function_name

if TYPE_CHECKING:
    from service.analysis.duplication import DuplicationFinding, DuplicationResult


def budgets_of(duty: dict[str, Any]) -> dict[int, int]:
    """Year → rials of a duty's budget lines (two parallel lists on the record)."""
    return dict(zip(duty.get("budgetYears") or [], duty.get("budgetRials") or [], strict=False))


def in_period(budget: dict[int, int], from_year: int | None = None, to_year: int | None = None) -> dict[int, int]:
    return {y: r for y, r in budget.items() if (from_year is None or y >= from_year) and (to_year is None or y <= to_year)}


def at_stake(a: dict[int, int], b: dict[int, int], from_year: int | None = None, to_year: int | None = None) -> dict[int, int]:
    """Year → rials at stake: the smaller budget in each year both sides are funded. (Called for every
    finding more than once: a key-view intersection, not two copied dicts, was a tenth of a city's run.)"""
    years = a.keys() & b.keys()
    if from_year is not None or to_year is not None:
        years = {y for y in years if (from_year is None or y >= from_year) and (to_year is None or y <= to_year)}
    return {y: min(a[y], b[y]) for y in sorted(years)}


@dataclass
class SpendRow:
    """Duplicated (and overlapping) spend of one COFOG group in one Jalali year."""

    group: str
    name_fa: str | None
    name_en: str | None
    year: int
    duplication_rials: int
    overlap_rials: int
    findings: int


@dataclass
class SpendResult:
    parameters: dict[str, Any]
    rows: list[SpendRow]

    def as_dict(self) -> dict[str, Any]:
        return {"parameters": self.parameters, "spend": [asdict(r) for r in self.rows]}


def spend_by_area(result: DuplicationResult, groups: dict[str, str], from_year: int | None = None,
                  to_year: int | None = None) -> SpendResult:  # fmt: skip
    """Sum what duplication and overlap findings put at stake per COFOG group (of the first duty;
    of both when they differ, half each) and year. Dismissed findings are left out."""
    dup: dict[tuple[str, int], float] = defaultdict(float)
    ovl: dict[tuple[str, int], float] = defaultdict(float)
    count: dict[tuple[str, int], int] = defaultdict(int)
    for f, g, year, rials in shares(result, groups, from_year, to_year):
        (dup if f.classification == "duplication" else ovl)[(g, year)] += rials
        count[(g, year)] += 1
    keys = sorted(set(dup) | set(ovl), key=lambda k: (k[1], -(dup.get(k, 0) + ovl.get(k, 0)), k[0]))
    rows = [SpendRow(g, function_name(g, "fa"), function_name(g, "en"), y, round(dup.get((g, y), 0)),
                     round(ovl.get((g, y), 0)), count[(g, y)]) for g, y in keys]  # fmt: skip
    return SpendResult({"from_year": from_year, "to_year": to_year}, rows)


def shares(result: DuplicationResult, groups: dict[str, str], from_year: int | None = None,
           to_year: int | None = None) -> Iterator[tuple[DuplicationFinding, str, int, float]]:  # fmt: skip
    """(finding, COFOG group, year, rials) for each share a duplication or overlap finding puts at
    stake: the report sums them, the spend heatmap shows them as a cell's evidence."""
    for f in result.findings:
        if f.classification == "fragmentation" or f.verdict == "dismissed":
            continue
        sides = {groups.get(f.duty_a, ""), groups.get(f.duty_b, "")}
        for year, rials in f.at_stake(from_year, to_year).items():
            for g in sides:
                yield f, g, year, rials / len(sides)


def finding_money(f: DuplicationFinding, from_year: int | None = None, to_year: int | None = None) -> int:
    return sum(f.at_stake(from_year, to_year).values())
