"""GraphQL inputs generated from the domain's pydantic models, so validation lives in one place."""

from strawberry.experimental.pydantic import input as pydantic_input

from service.domain import models as m

# The patch models are made by create_model (variables to mypy): imported by name, the strawberry
# mypy plugin types their to_pydantic() as Any instead of crashing on a MemberExpr to a Var.
from service.domain.models import (
    AgencyPatch as AgencyPatchModel,
    CapacityPatch as CapacityPatchModel,
    DutyPatch as DutyPatchModel,
    ExchangePatch as ExchangePatchModel,
    IssuePatch as IssuePatchModel,
    NeedPatch as NeedPatchModel,
    RequestPatch as RequestPatchModel,
    WorkingGroupPatch as WorkingGroupPatchModel,
)
from service.graphql.types.common import Rials


@pydantic_input(model=m.AgencyIn, all_fields=True)
class AgencyInput:
    pass


@pydantic_input(model=AgencyPatchModel, all_fields=True)
class AgencyPatch:
    pass


@pydantic_input(model=m.DutyIn, all_fields=True, description="budgetYears (Jalali fiscal years) and budgetRials go together, one amount per year")
class DutyInput:
    budgetRials: list[Rials] | None = None


@pydantic_input(model=DutyPatchModel, all_fields=True)
class DutyPatch:
    budgetRials: list[Rials] | None = None


@pydantic_input(model=m.CapacityIn, all_fields=True, description="Dates: 1403/02/15 (Jalali) or 2024-05-04")
class CapacityInput:
    costRials: Rials | None = None


@pydantic_input(model=CapacityPatchModel, all_fields=True)
class CapacityPatch:
    costRials: Rials | None = None


@pydantic_input(model=m.NeedIn, all_fields=True, description="Dates: 1403/02/15 (Jalali) or 2024-05-04")
class NeedInput:
    valueRials: Rials | None = None


@pydantic_input(model=NeedPatchModel, all_fields=True)
class NeedPatch:
    valueRials: Rials | None = None


@pydantic_input(model=m.IssueIn, all_fields=True)
class IssueInput:
    pass


@pydantic_input(model=IssuePatchModel, all_fields=True)
class IssuePatch:
    pass


@pydantic_input(model=m.ExchangeIn, all_fields=True, description="amountRials is required for financial exchanges")
class ExchangeInput:
    amountRials: Rials | None = None
    estimatedValueRials: Rials | None = None


@pydantic_input(model=ExchangePatchModel, all_fields=True)
class ExchangePatch:
    amountRials: Rials | None = None
    estimatedValueRials: Rials | None = None


@pydantic_input(model=m.RequestIn, all_fields=True, description="dueDate: 1403/02/15 (Jalali) or 2024-05-04")
class RequestInput:
    pass


@pydantic_input(model=RequestPatchModel, all_fields=True)
class RequestPatch:
    pass


@pydantic_input(model=m.MemberIn, all_fields=True)
class MemberInput:
    pass


@pydantic_input(model=m.WorkingGroupIn, all_fields=True)
class WorkingGroupInput:
    pass


@pydantic_input(model=WorkingGroupPatchModel, all_fields=True)
class WorkingGroupPatch:
    pass
