"""Issue intake types (issue 19 item 2): proposals, the committee's decisions, the councils' chain."""

from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from service.graphql.types.common import CouncilOutcome, DateTime, ProposalOutcome, from_row, jalali, load_agencies, load_agency
from service.registry.specs import ISSUE

if TYPE_CHECKING:
    from service.graphql.types.agency import Agency
    from service.graphql.types.issue import Issue

_agency = Annotated["Agency", strawberry.lazy("service.graphql.types.agency")]
_issue = Annotated["Issue", strawberry.lazy("service.graphql.types.issue")]


async def load_issues(info: Info, ids: list[str]) -> list[Any]:
    """The issues the reader may read, in the order given."""
    from service.graphql.types.issue import Issue

    rows = await info.context.loaders.entity(ISSUE).load_many(list(ids))
    return [from_row(Issue, r) for r in rows if r]


@strawberry.type(description="A vocabulary term shipped as data (information sources, innovation centres, councils)")
class ListTerm:
    code: str
    position: int
    label_fa: str
    label_en: str


@strawberry.type(description="A committee's decision on an issue-cluster proposal: who, when, why")
class IntakeDecision:
    id: strawberry.ID
    proposal_key: str
    outcome: ProposalOutcome
    priority: int | None = strawberry.field(default=None, description="1 first; null on a rejection")
    owner_agency_id: strawberry.ID | None = None
    reason: str = ""
    body: str = strawberry.field(default="", description="The committee's code in the chain")
    member_ids: list[strawberry.ID] = strawberry.field(default_factory=list, description="The proposal's issues (those you may read)")
    title_fa: str | None = None
    severity: str | None = None
    decided_by: str = ""
    role: str = ""
    at: DateTime = DateTime("")

    @strawberry.field(description="When, in the Jalali calendar")
    def at_jalali(self) -> str | None:
        return jalali(str(self.at)[:10]) if self.at else None

    @strawberry.field
    async def owner(self, info: Info) -> _agency | None:
        return await load_agency(info, self.owner_agency_id)

    @strawberry.field
    async def members(self, info: Info) -> list[_issue]:
        return await load_issues(info, [str(i) for i in self.member_ids])


@strawberry.type(description="An issue cluster (issues of several agencies about one problem, or one issue) up for the committee")
class IssueProposal:
    key: str = strawberry.field(description="Stable: made of its member issues' ids")
    rank: int = strawberry.field(description="The computed ranking (1 first)")
    title_fa: str
    score: float = strawberry.field(description="The computed priority (severity, agencies affected, duties blocked)")
    severity: str
    merged: bool = strawberry.field(description="Several issues of different agencies")
    member_ids: list[strawberry.ID]
    raiser_ids: list[strawberry.ID]
    affected_ids: list[strawberry.ID]
    decision: IntakeDecision | None = strawberry.field(default=None, description="The committee's decision in force")
    history: list[IntakeDecision] = strawberry.field(default_factory=list, description="Every decision on it, oldest first")

    @strawberry.field
    async def members(self, info: Info) -> list[_issue]:
        return await load_issues(info, [str(i) for i in self.member_ids])

    @strawberry.field
    async def raisers(self, info: Info) -> list[_agency]:
        return await load_agencies(info, [str(i) for i in self.raiser_ids])


@strawberry.type(description="A council's decision on the approved list")
class CouncilDecision:
    id: strawberry.ID
    body: str
    position: int
    outcome: CouncilOutcome
    reason: str
    list_hash: str
    item_count: int
    decided_by: str = ""
    role: str = ""
    at: DateTime = DateTime("")

    @strawberry.field
    def at_jalali(self) -> str | None:
        return jalali(str(self.at)[:10]) if self.at else None


@strawberry.type(description="One body of the chain and where it stands on the current list")
class ChainStep:
    code: str
    position: int
    name_fa: str
    name_en: str
    status: str = strawberry.field(description="committee | approved | returned | awaiting (its turn) | waiting (an earlier body has not approved)")
    decision: CouncilDecision | None = None
    history: list[CouncilDecision] = strawberry.field(default_factory=list)


@strawberry.type(description="The approved list and its way up the chain of councils")
class IntakeChain:
    round_version: int = strawberry.field(description="Moves on with every decision: pass it as expectedRound")
    list_hash: str
    approved: list[IntakeDecision] = strawberry.field(description="The kept proposals, by priority")
    steps: list[ChainStep]


def decision_of(row: dict[str, Any]) -> IntakeDecision:
    return from_row(IntakeDecision, row)


def council_of(row: dict[str, Any]) -> CouncilDecision:
    return from_row(CouncilDecision, row)
