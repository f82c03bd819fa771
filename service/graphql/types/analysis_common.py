"""What every analysis view shares: paging of long results, and the agency × agency matrix with evidence."""

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import strawberry
from strawberry import ID
from strawberry.scalars import JSON

from service.errors import ServiceError
from service.graphql.pagination import page_size

if TYPE_CHECKING:  # the analysis modules (numpy, scipy, networkx) are imported when an analysis first runs
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
    def of(matrix: "Matrix") -> "AgencyMatrix":
        return AgencyMatrix(name=matrix.name, directed=matrix.directed, source=matrix)
