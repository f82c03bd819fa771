"""Reads of working-group governance records through the reader's ``View``: each statement returns the
group's ``memberIds`` (and a decision its ``ownerId``), the policy keeps what the reader may read, and
a record it may not read is answered exactly like a missing one."""

from __future__ import annotations

from typing import Any

from service.errors import not_found
from service.registry.repository import Repository, public
from service.storage.port import Row

LABELS = {"wg_meeting": "WgMeeting", "wg_decision": "WgDecision", "wg_report": "WgReport"}


async def get_many(repo: Repository, kind: str, ids: list[str]) -> dict[str, Row]:
    """The records of ``kind`` with these ids the reader may read."""
    rows = await repo.store.read(f"{kind}/get", {"ids": list(ids)})
    found = (public(r["node"]) for r in rows)
    return {row["id"]: row for row in found if repo.view.readable(kind, row)}


async def get_one(repo: Repository, kind: str, ident: str, field: str = "id") -> Row:
    """One record; NOT_FOUND when missing or unreadable (the same answer)."""
    found = await get_many(repo, kind, [ident])
    if ident not in found:
        raise not_found(LABELS[kind], ident, field)
    return found[ident]


async def listing(repo: Repository, kind: str, **params: Any) -> list[Row]:
    """A list statement's rows, restricted in the statement (``$viewerId``) and again here."""
    rows = await repo.store.read(f"{kind}/list", params | {"viewerId": repo.view.viewer(kind)})
    found = (public(r["node"]) for r in rows)
    return [row for row in found if repo.view.readable(kind, row)]


async def steps(repo: Repository, kind: str, ids: list[str]) -> dict[str, list[Row]]:
    """The history of each readable record, oldest first."""
    readable = await get_many(repo, kind, ids)
    grouped: dict[str, list[Row]] = {}
    if readable:
        for row in await repo.store.read(f"{kind}/steps", {"ids": sorted(readable)}):
            grouped.setdefault(row["key"], []).append(row["node"])
    return grouped
