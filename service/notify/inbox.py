"""One reader's inbox: read, counted and marked through the repository's View, which names the
inboxes a reader may read (an agency's own, a directorate user's own), so another inbox's
notifications answer exactly as missing ones."""

from __future__ import annotations

from dataclasses import dataclass

from service.auth.policy import View
from service.registry.clock import now_iso
from service.storage.port import GraphStore, Row


@dataclass
class Inbox:
    store: GraphStore
    view: View

    @property
    def recipients(self) -> list[str]:
        return list(self.view.inbox())

    async def page(self, *, unread_only: bool = False, kind: str | None = None, skip: int = 0, limit: int = 20) -> list[Row]:
        if not self.recipients:
            return []
        params = {"recipients": self.recipients, "unreadOnly": unread_only, "kind": kind, "skip": skip, "limit": limit}
        return [r["node"] for r in await self.store.read("notification/inbox", params)]

    async def counts(self) -> tuple[int, int]:
        """(total, unread)."""
        if not self.recipients:
            return 0, 0
        rows = await self.store.read("notification/counts", {"recipients": self.recipients})
        return (int(rows[0]["total"] or 0), int(rows[0]["unread"] or 0)) if rows else (0, 0)

    async def mark_read(self, ids: list[str] | None) -> int:
        """Mark these (None: all) read; ids of another inbox match nothing. Returns how many changed."""
        if not self.recipients:
            return 0
        rows = await self.store.write("notification/mark_read", {"recipients": self.recipients, "ids": ids, "now": now_iso()})
        return int(rows[0]["marked"]) if rows else 0
