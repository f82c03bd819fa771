"""The storage port: the one async interface the rest of the service talks to."""

from __future__ import annotations

from collections.abc import Mapping
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
