"""What the win-win analysis reads, and only that: compact statements instead of six whole lists.

The generic snapshot (``snapshot.load_snapshot``) reads every property of every record of a kind,
sorted, with its relations joined one by one: at city scale 50,000 exchanges and 20,000 requests took
3.5 s of win-win's 8.6 s. Win-win needs far less (issue 16): the fields it matches, values and judges
capacities and needs by; the open issues; the live requests about a record; and, to show what is
already in place, only the exchanges between the agencies of a match found (read after the matching:
``winwin.match`` gives the pairs) that can still count (not cancelled; ongoing, or completed on or
after the earliest day a live need's window or the last year reaches back to), with their parties,
status, date and text. Each statement is a file under ``cypher/`` and returns plain columns, unsorted (the
analysis sorts by id itself). The rows are the same records the snapshot held, so the result is too;
and, as through the repository, a reader sees only what it may read.
"""

from __future__ import annotations

import asyncio
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
    starts = [str(n["neededFrom"]) for n in needs if n.get("neededFrom") and present.status_on(n, "need", today) in present.LIVE]
    return min([_year_before(today), *starts])


async def load_winwin_snapshot(source: GraphStore | Repository, today: str) -> Snapshot:
    """Agencies (and where the duties of those stating no place apply), capacities, needs, open issues
    and live requests about a record; the exchanges come later, for the pairs the matching found
    (``exchanges_between``)."""
    repo = repository_of(source)
    snap = Snapshot()
    # sent together: the store answers one while the service decodes another (or imports the analysis)
    agencies, places, caps, needs, issues, requests = await asyncio.gather(
        repo.page(AGENCY, filters={}, include_archived=False, limit=10**9),
        _read(repo, snap, "duty_place", "duty/places_for_winwin", {}),
        _read(repo, snap, "capacity", "capacity/for_winwin", {}),
        _read(repo, snap, "need", "need/for_winwin", {}),
        _read(repo, snap, "issue", "issue/open_for_winwin", {"statuses": list(OPEN_ISSUE)}),
        _read(repo, snap, "request", "request/arranged", {"dead": sorted(present.DEAD_REQUEST)}),
    )
    snap.queries += 1
    snap.rows.update(agency=agencies, duty_place=places, capacity=caps, need=needs, issue=issues, request=requests)
    return snap


async def exchanges_between(source: GraphStore | Repository, snap: Snapshot, pairs: list[tuple[str, str]],
                            today: str) -> list[Row]:  # fmt: skip
    """The exchanges from each pair's giver to its taker that can still show a match in place."""
    if not pairs:
        return []
    receivers: dict[str, list[str]] = {}
    for giver, taker in sorted(pairs):
        receivers.setdefault(giver, []).append(taker)
    givers = [{"provider": giver, "receivers": takers} for giver, takers in receivers.items()]
    params = {"givers": givers, "cancelled": ExchangeStatus.CANCELLED.value,
              "ongoing": sorted(present.ONGOING_EXCHANGE), "since": since(snap["need"], today)}  # fmt: skip
    return await _read(repository_of(source), snap, "exchange", "exchange/between", params)


async def _read(repo: Repository, snap: Snapshot, key: str, name: str, params: dict[str, Any]) -> list[Row]:
    """One statement, restricted to what the repository's reader may read (as ``Repository.page`` does)."""
    view = repo.view
    rows = await repo.store.read(name, params | ({"viewerId": view.viewer(key)} if key in _PRIVATE else {}))
    snap.queries += 1
    return [r for r in rows if view.readable(key, r)]


_PRIVATE = ("need", "issue", "exchange", "request")
