"""Agency-tree changes that need more than a field update."""

from __future__ import annotations

from service.errors import ServiceError
from service.registry.repository import Repository
from service.registry.specs import AGENCY
from service.storage.port import Row


async def move_agency(repo: Repository, ident: str, parent_id: str | None, expected_version: int | None) -> Row:
    """Re-parent an agency; the statement refuses a missing parent and a cycle in one step."""
    if parent_id is not None:
        await repo.get(AGENCY, parent_id, field="parentId")
    row = await repo.guarded_write(AGENCY, ident, "agency/move", {"parentId": parent_id}, expected_version, action="move")
    if row is None:
        raise ServiceError(
            "CYCLE",
            f"{parent_id!r} is {ident!r} itself or one of its sub-agencies",
            "دستگاه نمی‌تواند زیرمجموعهٔ خودش یا زیرمجموعه‌های خودش شود",
            field="parentId",
            status=422,
        )
    return row
