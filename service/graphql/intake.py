"""GraphQL for issue intake (issue 19 item 2): the nine sources, the proposals, the committee's
decisions and the chain of councils. The directorate alone decides; directorate and analysts read the
proposals and the chain (computed from every agency's issues); an agency reads the decisions on issues
it raised or is concerned by, through its repository's view."""

import strawberry
from strawberry.types import Info

from service.analysis.vocab.lists import INNOVATION_CENTRES, ISSUE_SOURCES, terms
from service.auth.policy import require_role
from service.domain.actor import Role
from service.graphql.types.common import CouncilOutcome, ProposalOutcome
from service.graphql.types.intake import (
    ChainStep,
    IntakeChain,
    IntakeDecision,
    IssueProposal,
    ListTerm,
    council_of,
    decision_of,
)  # fmt: skip
from service.registry import intake
from service.registry.intake_chain import chain_of, council_decisions, decide_list, steps


def _terms(name: str) -> list[ListTerm]:
    return [ListTerm(code=t.code, position=t.position, label_fa=t.fa, label_en=t.en) for t in terms(name)]


def issue_sources() -> list[ListTerm]:
    """Seed 001's nine information sources, in its order."""
    return _terms(ISSUE_SOURCES)


def innovation_centres() -> list[ListTerm]:
    """Seed 004's four innovation centres, in its order."""
    return _terms(INNOVATION_CENTRES)


async def issue_proposals(info: Info) -> list[IssueProposal]:
    """The open issue clusters, ranked, each with the committee's decision in force and its history."""
    require_role(info.context.actor, Role.DIRECTORATE, Role.ANALYST)
    repo = info.context.repo
    found = await intake.proposals(repo.store)
    rows = await intake.decisions(repo, keys=[p.key for p in found])
    by_key: dict[str, list[IntakeDecision]] = {}
    for row in rows:
        by_key.setdefault(row["proposalKey"], []).append(decision_of(row))
    out = []
    for p in found:
        m, history = p.cluster, by_key.get(p.key, [])
        out.append(IssueProposal(
            key=p.key, rank=p.rank, title_fa=m.title, score=m.priority, severity=m.severity, merged=m.merged,
            member_ids=[strawberry.ID(i) for i in m.member_ids], raiser_ids=[strawberry.ID(i) for i in m.raisers],
            affected_ids=[strawberry.ID(i) for i in m.agencies_affected], decision=history[-1] if history else None,
            history=history,
        ))  # fmt: skip
    return out


async def intake_decisions(info: Info, issue_id: strawberry.ID | None = None, proposal_key: str | None = None) -> list[IntakeDecision]:
    """Committee decisions, oldest first: an agency gets those on issues it raised or is concerned by."""
    rows = await intake.decisions(info.context.repo, keys=[proposal_key] if proposal_key else None,
                                  issue_ids=[str(issue_id)] if issue_id else None)  # fmt: skip
    return [decision_of(r) for r in rows]


async def intake_chain(info: Info) -> IntakeChain:
    """The approved list (the committee's kept proposals) and where each council stands on it."""
    require_role(info.context.actor, Role.DIRECTORATE, Role.ANALYST)
    store = info.context.repo.store
    approved = intake.approved_list(await intake.decisions(info.context.repo))
    digest = intake.list_hash(approved)
    chain = chain_of(info.context.settings)
    state = steps(chain, await council_decisions(store), digest, bool(approved))
    return IntakeChain(
        round_version=await intake.round_version(store), list_hash=digest, approved=[decision_of(r) for r in approved],
        steps=[ChainStep(code=s.body.code, position=s.body.position, name_fa=s.body.fa, name_en=s.body.en, status=s.status,
                         decision=council_of(s.decision) if s.decision else None,
                         history=[council_of(r) for r in s.history]) for s in state],
    )  # fmt: skip


async def decide_issue_proposal(info: Info, key: str, outcome: ProposalOutcome, reason: str, priority: int | None = None,
                                owner_agency_id: strawberry.ID | None = None,
                                expected_round: int | None = None) -> IntakeDecision:  # fmt: skip
    """The committee's decision on one proposal: MERGE or KEEP (with a priority 1..n and an owner agency), or
    REJECT; always with a reason. Directorate only; audited; refused if the round moved past expectedRound."""
    actor = info.context.actor
    require_role(actor, Role.DIRECTORATE)
    row = await intake.decide(info.context.repo, chain_of(info.context.settings), actor, key, outcome, reason, priority,
                              str(owner_agency_id) if owner_agency_id else None, expected_round)  # fmt: skip
    return decision_of(row)


async def decide_intake_list(info: Info, body: str, outcome: CouncilOutcome, reason: str,
                             expected_round: int | None = None) -> IntakeChain:  # fmt: skip
    """A council's decision on the approved list, in the chain's order: APPROVED sends it on, RETURNED
    sends it back to the committee. Directorate only (it records what the council decided); audited."""
    actor = info.context.actor
    require_role(actor, Role.DIRECTORATE)
    repo = info.context.repo
    approved = intake.approved_list(await intake.decisions(repo))
    await decide_list(repo.store, chain_of(info.context.settings), actor, body, outcome, reason, approved,
                      intake.list_hash(approved), await intake.round_version(repo.store), expected_round)  # fmt: skip
    return await intake_chain(info)
