"""Where a working group sits (issue 19): its level, the group it answers to and the city plan it
serves. Both are plain ids on the group; this module checks that they exist and that no group ends
up under itself."""

from __future__ import annotations

from typing import Any

from service.domain.enums import WorkingGroupLevel
from service.errors import ServiceError, not_found, version_conflict
from service.registry.city_plans import load_plans
from service.registry.repository import Repository
from service.registry.specs import WORKING_GROUP
from service.storage.port import Row

MAX_DEPTH = 32


def cycle(ident: str, parent: str) -> ServiceError:
    return ServiceError("INVALID_REFERENCE", f"group {parent!r} is {ident!r} itself or under it: a group cannot sit under itself",
                        "کارگروه نمی‌تواند زیرمجموعهٔ خودش یا زیرگروه‌هایش باشد", field="parentGroupId")  # fmt: skip


async def check_placement(repo: Repository, ident: str | None, parent_id: str | None, plan_id: str | None) -> None:
    """Refuse a parent group or plan that does not exist, and a parent under ``ident`` (a cycle)."""
    if plan_id is not None and plan_id not in {p["id"] for p in await load_plans(repo.store)}:
        raise not_found("CityPlan", plan_id, "planId")
    seen: set[str] = set()
    current = parent_id
    while current is not None and len(seen) < MAX_DEPTH:
        if current == ident or current in seen:
            raise cycle(str(ident), str(parent_id))
        seen.add(current)
        row = await repo.get(WORKING_GROUP, current, field="parentGroupId")
        current = row.get("parentGroupId")


async def place(repo: Repository, ident: str, level: WorkingGroupLevel | None, parent_id: str | None,
                plan_id: str | None, expected_version: int | None) -> Row:  # fmt: skip
    """Set a group's level, parent group and plan (None clears each)."""
    current = await repo.get(WORKING_GROUP, ident)
    await check_placement(repo, ident, parent_id, plan_id)
    changes: dict[str, Any] = {"level": WorkingGroupLevel(level).value if level else None,
                               "parentGroupId": parent_id, "planId": plan_id}  # fmt: skip
    row = await repo.guarded_write(WORKING_GROUP, ident, "working_group/place", changes, expected_version, current, action="place")
    if row is None:  # only the version guards it
        raise version_conflict("WorkingGroup", ident, current["version"])
    return row
