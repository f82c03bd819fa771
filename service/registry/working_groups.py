"""Working-group membership: seating agencies (with roles) and removing them."""

from __future__ import annotations

from service.domain.enums import MemberRole
from service.errors import not_found
from service.registry.repository import Repository
from service.registry.specs import AGENCY, WORKING_GROUP
from service.storage.port import Row


async def set_member(repo: Repository, group_id: str, agency_id: str, role: MemberRole,
                     expected_version: int | None) -> Row:  # fmt: skip
    """Add an agency to a group, or change its role there."""
    await repo.get(AGENCY, agency_id, field="agencyId")
    params = {"agencyId": agency_id, "role": MemberRole(role).value}
    row = await repo.guarded_write(WORKING_GROUP, group_id, "working_group/add_member", params, expected_version,
                                   action="set_member", audit_after={"member": params})  # fmt: skip
    if row is None:
        raise not_found("Agency", agency_id, "agencyId")
    return row


async def remove_member(repo: Repository, group_id: str, agency_id: str, expected_version: int | None) -> Row:
    """Take an agency out of a group (a no-op when it was not a member)."""
    params = {"agencyId": agency_id}
    row = await repo.guarded_write(WORKING_GROUP, group_id, "working_group/remove_member", params, expected_version,
                                   action="remove_member", audit_after={"member": params})  # fmt: skip
    assert row is not None  # the statement has no guard of its own
    return row
