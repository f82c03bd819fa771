"""The storage port: the one async interface the rest of the service talks to."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

Row = dict[str, Any]


class GraphStore(Protocol):
    """Run named Cypher statements; rows come back as plain dicts of plain values.

    Nodes come back as ``{"_labels": [...], **properties}``, relationships as
    ``{"_type": ..., **properties}``; map projections as dicts.
    """

    backend: str

    async def read(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run a read-only statement."""
        ...

    async def read_many(self, reads: Sequence[tuple[str, Mapping[str, Any] | None]]) -> list[list[Row]]:
        """Run read-only statements sent together, their rows in the same order: one round trip
        (FalkorDB: a pipeline; Neo4j: one read transaction). Each statement is as correct alone as
        ``read`` runs it; together they are not one snapshot under read committed."""
        ...

    async def write(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run one write statement atomically."""
        ...

    async def ping(self) -> None:
        """Raise ``Unavailable`` unless the store answers a query."""
        ...

    async def apply_schema(self) -> None:
        """Create constraints and indexes, idempotently."""
        ...

    async def wipe(self) -> None:
        """Delete every node (tests and restore only)."""
        ...

    async def close(self) -> None: ...
