"""Agency-tree changes that need more than a field update."""

from __future__ import annotations

from service.errors import ServiceError, version_conflict
from service.registry.clock import now_iso
from service.registry.repository import Repository, public
from service.registry.specs import AGENCY
from service.storage.port import Row


async def move_agency(repo: Repository, ident: str, parent_id: str | None, expected_version: int | None) -> Row:
    """Re-parent an agency; the statement refuses a missing parent and a cycle in one step."""
    current = await repo.get(AGENCY, ident)
    if expected_version is not None and current["version"] != expected_version:
        raise version_conflict("Agency", ident, current["version"])
    if parent_id is not None:
        await repo.get(AGENCY, parent_id, field="parentId")
    rows = await repo.store.write(
        "agency/move",
        {"id": ident, "parentId": parent_id, "expectedVersion": current["version"], "now": now_iso()},
    )
    if rows:
        return public(rows[0]["node"])
    latest = await repo.get(AGENCY, ident)
    if latest["version"] != current["version"]:
        raise version_conflict("Agency", ident, latest["version"])
    raise ServiceError(
        "CYCLE",
        f"{parent_id!r} is {ident!r} itself or one of its sub-agencies",
        "دستگاه نمی‌تواند زیرمجموعهٔ خودش یا زیرمجموعه‌های خودش شود",
        field="parentId",
        status=422,
    )
