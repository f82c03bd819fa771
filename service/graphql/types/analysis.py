"""GraphQL views of the analysis results: matrices with evidence, findings, opportunities.

One module per analysis (``analysis_duplication``, ``analysis_winwin``, ``analysis_alignment``) and what
they share (``analysis_common``: paging, the agency matrix); this module keeps the generic report and
re-exports every type, so ``from service.graphql.types.analysis import …`` still finds each."""

from typing import TYPE_CHECKING, Any

import strawberry
from strawberry.scalars import JSON

if TYPE_CHECKING:  # the analysis modules (numpy, scipy, networkx) are imported when an analysis first runs
    pass
from service.graphql.types.analysis_alignment import (
    AgencyAlignment,
    AlignmentItem,
    AlignmentReport,
    CityPlan,
    PlanGoal,
    PlanGoalUse,
)
from service.graphql.types.analysis_common import AFTER, FIRST, PAGE_DEFAULT, PAGE_MAX, AgencyMatrix, MatrixAgency, MatrixCell, page
from service.graphql.types.analysis_duplication import (
    CalibrationBin,
    Classification,
    DuplicationFinding,
    DuplicationLearning,
    DuplicationReport,
    FindingOption,
    FindingVerdict,
    FragmentedArea,
    SpendRow,
    VerdictState,
)
from service.graphql.types.analysis_winwin import (
    Opportunity,
    SensitivityScenario,
    WinWinMatch,
    WinWinParty,
    WinWinReport,
    match_id,
)

__all__ = [
    "AFTER", "FIRST", "PAGE_DEFAULT", "PAGE_MAX", "AgencyAlignment", "AgencyMatrix", "AlignmentItem", "AlignmentReport",
    "CalibrationBin", "CityPlan", "Classification", "DuplicationFinding", "DuplicationLearning", "DuplicationReport",
    "FindingOption", "FindingVerdict", "FragmentedArea", "GenericReport", "MatrixAgency", "MatrixCell", "Opportunity", "PlanGoal",
    "PlanGoalUse", "SensitivityScenario", "SpendRow", "VerdictState", "WinWinMatch", "WinWinParty", "WinWinReport", "match_id", "page",
]  # fmt: skip


@strawberry.type(description="An analysis whose details come as JSON, with its matrix when it has one")
class GenericReport:
    data: JSON
    matrix: AgencyMatrix | None

    @staticmethod
    def of(result: Any) -> "GenericReport":
        from service.analysis.matrix import AgencyMatrix as Matrix

        matrix = getattr(result, "matrix", None)
        data = {k: v for k, v in result.as_dict().items() if k != "matrix"}
        return GenericReport(data=JSON(data), matrix=AgencyMatrix.of(matrix) if isinstance(matrix, Matrix) else None)
