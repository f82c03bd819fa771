"""What the win-win analysis reads, and only that: five compact statements instead of six whole lists.

The generic snapshot (``snapshot.load_snapshot``) reads every property of every record of a kind,
sorted, with its relations joined one by one: at city scale 50,000 exchanges and 20,000 requests took
3.5 s of win-win's 8.6 s. Win-win needs far less (issue 16): the fields it matches, values and judges
capacities and needs by; the open issues; and, to show what is already in place, only the parties,
status, date and text of exchanges that can still count (not cancelled; ongoing, or completed on or
after the earliest day a live need's window or the last year reaches back to) and of live requests
about a record. Each statement is a file under ``cypher/`` and returns plain columns, unsorted (the
analysis sorts by id itself). The rows are the same records the snapshot held, so the result is too;
and, as through the repository, a reader sees only what it may read.
"""

from __future__ import annotations

from typing import Any

from service.analysis import present
from service.analysis.snapshot import Row, Snapshot, repository_of
from service.domain.enums import ExchangeStatus
from service.registry.repository import Repository
from service.registry.specs import AGENCY
from service.storage.port import GraphStore

OPEN_ISSUE = ("in_progress", "open")


def _year_before(iso: str) -> str:
    return f"{int(iso[:4]) - 1}{iso[4:]}"


def since(needs: list[Row], today: str) -> str:
    """The earliest day a completed exchange can still show a match arranged (``Arranged.exchange_counts``):
    a live need's start, or a year before today for a need without one and for issues."""
    starts = [n["neededFrom"] for n in needs if n.get("neededFrom") and present.status_on(n, "need", today) in present.LIVE]
    return min([_year_before(today), *starts])


async def load_winwin_snapshot(source: GraphStore | Repository, today: str) -> Snapshot:
    """Agencies, capacities, needs, open issues, and the exchanges and requests that may arrange a match."""
    repo = repository_of(source)
    view = repo.view
    snap = Snapshot()

    async def read(key: str, name: str, params: dict[str, Any]) -> list[Row]:
        rows = await repo.store.read(name, params | ({"viewerId": view.viewer(key)} if key in _PRIVATE else {}))
        snap.queries += 1
        return [r for r in rows if view.readable(key, r)]

    snap.rows["agency"] = await repo.page(AGENCY, filters={}, include_archived=False, limit=10**9)
    snap.queries += 1
    snap.rows["capacity"] = await read("capacity", "capacity/for_winwin", {})
    snap.rows["need"] = await read("need", "need/for_winwin", {})
    snap.rows["issue"] = await read("issue", "issue/open_for_winwin", {"statuses": list(OPEN_ISSUE)})
    snap.rows["exchange"] = await read("exchange", "exchange/arranged", {
        "cancelled": ExchangeStatus.CANCELLED.value, "ongoing": sorted(present.ONGOING_EXCHANGE), "since": since(snap.rows["need"], today)})  # fmt: skip
    snap.rows["request"] = await read("request", "request/arranged", {"dead": sorted(present.DEAD_REQUEST)})
    return snap


_PRIVATE = ("need", "issue", "exchange", "request")
