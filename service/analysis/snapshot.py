"""What the analyses read: every live record of the needed entity types, one query per type."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from service.registry.repository import Repository
from service.registry.specs import SPECS
from service.storage.port import GraphStore

Row = dict[str, Any]
ALL = ("agency", "duty", "capacity", "need", "issue", "exchange", "request", "working_group")


@dataclass
class Snapshot:
    """Rows by entity key (``duty``, ``capacity``…), plus request histories by request id."""

    rows: dict[str, list[Row]] = field(default_factory=dict)
    steps: dict[str, list[Row]] = field(default_factory=dict)
    queries: int = 0

    def __getitem__(self, key: str) -> list[Row]:
        return self.rows.get(key, [])

    def agencies(self) -> dict[str, Row]:
        return {a["id"]: a for a in self["agency"]}


def repository_of(source: GraphStore | Repository) -> Repository:
    """A reader's repository reads that reader's view; a bare store is the service's whole view."""
    return source if isinstance(source, Repository) else Repository(source)


async def load_snapshot(source: GraphStore | Repository, keys: tuple[str, ...] = ALL, with_steps: bool = False) -> Snapshot:
    """Read each entity type once (archived records left out), as the repository's reader sees
    them: through an agency's repository, only the private records it is party to."""
    repo = repository_of(source)
    snap = Snapshot()
    for key in keys:
        snap.rows[key] = await repo.page(SPECS[key], filters={}, include_archived=False, limit=10**9)
        snap.queries += 1
    if with_steps and snap["request"]:
        rows = await repo.store.read("request/steps", {"ids": [r["id"] for r in snap["request"]]})
        snap.queries += 1
        steps: dict[str, list[Row]] = defaultdict(list)
        for r in rows:
            steps[r["key"]].append(r["node"])
        snap.steps = dict(steps)
    return snap
