"""GraphQL over stakeholders (#19.3): lookups, the list, the power/interest grid, commitments, and
the mutations. The directorate and analysts write; an agency reads the stakeholders it is party to
and the commitments it owes, marks those kept and logs engagements on them (the registry modules
enforce it, the Repository's View restricts every read)."""

import strawberry
from strawberry.experimental.pydantic import input as pydantic_input
from strawberry.types import Info

from service.domain import stakeholder as m
from service.domain.stakeholder import StakeholderPatch as StakeholderPatchModel
from service.graphql.pagination import Connection, connection, decode_cursor, page_size
from service.graphql.types.common import from_row
from service.graphql.types.stakeholder import (
    Commitment,
    CommitmentStatus,
    Engagement,
    GridCell,
    GridQuadrant,
    Stakeholder,
    StakeholderGrid,
    StakeholderType,
)
from service.registry import commitments as c, stakeholder_grid as grid, stakeholders as s
from service.registry.repository import Repository


@pydantic_input(model=m.StakeholderIn, all_fields=True, description="Scores 1-5; beneficiaries default to the type's codes")
class StakeholderInput:
    pass


@pydantic_input(model=StakeholderPatchModel, all_fields=True)
class StakeholderPatch:
    pass


@pydantic_input(model=m.StakeholderLinks, all_fields=True, description="Each list given replaces that kind of link")
class StakeholderLinksInput:
    pass


@pydantic_input(model=m.EngagementIn, all_fields=True, description="date: Jalali or ISO")
class EngagementInput:
    pass


@pydantic_input(model=m.CommitmentIn, all_fields=True, description="dueDate and madeOn: Jalali or ISO")
class CommitmentInput:
    pass


async def stakeholder(info: Info, id: strawberry.ID) -> Stakeholder | None:
    """null for a missing stakeholder and for one the reader may not read alike."""
    row = await info.context.loaders.entity(s.STAKEHOLDER).load(str(id))
    return from_row(Stakeholder, row) if row else None


async def stakeholders(info: Info, type: StakeholderType | None = None, q: str | None = None, include_archived: bool = False,
                       first: int | None = None, after: str | None = None) -> Connection[Stakeholder]:  # fmt: skip
    """Stakeholders by name, most recent first; an agency gets only those it is party to."""
    settings = info.context.settings
    repo: Repository = info.context.repo
    size = page_size(first, settings.default_page_size, settings.max_page_size)
    skip = decode_cursor(after)
    filters = {"type": type.value if type else None}
    rows = await repo.page(s.STAKEHOLDER, filters=filters, q=q, include_archived=include_archived, sort="name",
                           skip=skip, limit=size + 1)  # fmt: skip

    async def count() -> int:
        return await repo.count(s.STAKEHOLDER, filters=filters, q=q, include_archived=include_archived)

    return connection([from_row(Stakeholder, r) for r in rows], skip, size, count)


async def stakeholder_grid(info: Info) -> StakeholderGrid:
    """The power/interest grid over the stakeholders the reader may read."""
    found = grid.cells(await s.all_stakeholders(info.context.repo))
    return StakeholderGrid(high_from=m.HIGH, cells=[
        GridCell(quadrant=GridQuadrant(q), label_fa=m.QUADRANT_FA[q], label_en=m.QUADRANT_EN[q],
                 stakeholders=[from_row(Stakeholder, r) for r in rows]) for q, rows in found.items()
    ])  # fmt: skip


async def commitments(info: Info, owner_id: strawberry.ID | None = None, status: CommitmentStatus | None = None,
                      overdue: bool | None = None) -> list[Commitment]:  # fmt: skip
    """Commitments the reader may read (an agency: those it owes), due first."""
    from service.registry.clock import today_iso

    rows = await c.commitments(info.context.repo, None, str(owner_id) if owner_id else None, status.value if status else None)
    if overdue is not None:
        today = info.context.settings.today or today_iso()
        rows = [r for r in rows if c.overdue(r, today) == overdue]
    return [from_row(Commitment, r) for r in rows]


async def create_stakeholder(info: Info, input: StakeholderInput, idempotency_key: str | None = None) -> Stakeholder:
    return from_row(Stakeholder, await s.create_stakeholder(info.context.repo, input.to_pydantic(), idempotency_key))


async def update_stakeholder(info: Info, id: strawberry.ID, input: StakeholderPatch, expected_version: int | None = None) -> Stakeholder:
    return from_row(Stakeholder, await s.update_stakeholder(info.context.repo, str(id), input.to_pydantic(), expected_version))


async def archive_stakeholder(info: Info, id: strawberry.ID, expected_version: int | None = None, archived: bool = True) -> Stakeholder:
    """Hide from lists and the grid (archived=false brings it back); nothing is deleted."""
    return from_row(Stakeholder, await s.archive_stakeholder(info.context.repo, str(id), expected_version, archived))


async def link_stakeholder(info: Info, id: strawberry.ID, links: StakeholderLinksInput, expected_version: int | None = None) -> Stakeholder:
    """Set the issues it raised, the duties that serve it, the plans that affect it, its working groups."""
    return from_row(Stakeholder, await s.set_links(info.context.repo, str(id), links.to_pydantic(), expected_version))


async def record_engagement(info: Info, input: EngagementInput, idempotency_key: str | None = None) -> Engagement:
    """Log a meeting, consultation, complaint… with a stakeholder (an agency: on a commitment it owes)."""
    return from_row(Engagement, await c.record_engagement(info.context.repo, input.to_pydantic(), idempotency_key))


async def make_commitment(info: Info, input: CommitmentInput, idempotency_key: str | None = None) -> Commitment:
    """Record a commitment made to a stakeholder and the agency that owes it (starts open)."""
    return from_row(Commitment, await c.make_commitment(info.context.repo, input.to_pydantic(), idempotency_key))


async def move_commitment(info: Info, id: strawberry.ID, to: CommitmentStatus, note: str | None = None,
                          expected_version: int | None = None) -> Commitment:  # fmt: skip
    """Mark a commitment kept or broken, or reopen it (the agency that owes it: kept only)."""
    return from_row(Commitment, await c.move_commitment(info.context.repo, str(id), to, note, expected_version))


async def convert_stakeholder_group(info: Info, agency_id: strawberry.ID, type: StakeholderType, power: int, interest: int,
                                    influence: int) -> Stakeholder:  # fmt: skip
    """Turn an old pseudo-agency of kind STAKEHOLDER_GROUP into a Stakeholder with these scores; its issues
    and working-group seats move over, and the pseudo-agency is archived."""
    row = await s.convert_group(info.context.repo, str(agency_id), type.value, power, interest, influence)
    return from_row(Stakeholder, row)
