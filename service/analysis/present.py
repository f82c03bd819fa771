"""The registry's present state, as the win-win analysis must see it on a given day.

A capacity or need is *live* when its status is open or partly met and its window has not ended
before today (then it is *expired*, whatever its stored status says). An opportunity is *already
arranged* when an exchange or a live request between the same two agencies covers that capacity
or need: it is shown as in place with its record, never recommended again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from service.domain.enums import ExchangeStatus, RequestStatus, ResourceStatus

Row = dict[str, Any]
LIVE = frozenset({ResourceStatus.OPEN.value, ResourceStatus.PARTLY_MET.value})
DEAD_REQUEST = frozenset({RequestStatus.REJECTED.value, RequestStatus.WITHDRAWN.value})
ONGOING_EXCHANGE = frozenset({ExchangeStatus.PLANNED.value, ExchangeStatus.IN_PROGRESS.value})
WINDOWS = {"capacity": ("availableFrom", "availableTo", "quantityCommitted"), "need": ("neededFrom", "neededTo", "quantityMet")}


def status_on(row: Row, key: str, today: str) -> str:
    """The status that holds today: met and withdrawn as stored; expired once the window ended."""
    stored = row.get("status") or ResourceStatus.OPEN.value
    if stored in (ResourceStatus.MET.value, ResourceStatus.WITHDRAWN.value):
        return str(stored)
    end = row.get(WINDOWS[key][1])
    if end and end < today:
        return ResourceStatus.EXPIRED.value
    return str(stored)


def remaining(row: Row, key: str) -> float | None:
    """What is still offered or still wanted: the quantity less what is committed or met."""
    quantity = row.get("quantity")
    if quantity is None:
        return None
    taken = row.get(WINDOWS[key][2]) or 0.0
    return max(0.0, float(quantity) - float(taken))


def window_from_today(row: Row, key: str, today: str) -> tuple[str, str | None]:
    """The part of the window still ahead: it starts today at the earliest."""
    start_key, end_key, _ = WINDOWS[key]
    start = row.get(start_key)
    return (max(start, today) if start else today), row.get(end_key)


def windows_meet(cap: Row, need: Row, today: str) -> bool:
    c_start, c_end = window_from_today(cap, "capacity", today)
    n_start, n_end = window_from_today(need, "need", today)
    return (c_end is None or c_end >= n_start) and (n_end is None or n_end >= c_start)


@dataclass(frozen=True)
class Arrangement:
    """The record that shows an opportunity is already arranged."""

    kind: str  # exchange | request
    id: str
    status: str
    title: str
    date: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "status": self.status, "title": self.title, "date": self.date}


class Arranged:
    """Looks up what is already arranged: requests by the record they are about, exchanges by parties."""

    def __init__(self, exchanges: list[Row], requests: list[Row], today: str) -> None:
        self.today = today
        self.requests: dict[str, list[Row]] = defaultdict(list)
        for r in sorted((r for r in requests if r.get("aboutId") and r.get("status") not in DEAD_REQUEST), key=lambda r: r["id"]):
            self.requests[r["aboutId"]].append(r)
        self.exchanges: dict[tuple[str, str], list[Row]] = defaultdict(list)
        for x in sorted((x for x in exchanges if x.get("status") != ExchangeStatus.CANCELLED.value), key=lambda x: x["id"]):
            self.exchanges[(x["providerId"], x["receiverId"])].append(x)

    def request_for(self, provider: str, receiver: str, *about: str) -> Arrangement | None:
        for ident in about:
            for r in self.requests.get(ident, ()):
                if {r.get("senderId"), r.get("receiverId")} == {provider, receiver}:
                    return Arrangement("request", r["id"], str(r.get("status") or "submitted"), r.get("subject", ""), r.get("filedOn"))
        return None

    def exchanges_between(self, provider: str, receiver: str) -> list[Row]:
        return self.exchanges.get((provider, receiver), [])

    def exchange_counts(self, x: Row, need: Row | None) -> bool:
        """An ongoing exchange counts; a completed one only when made within the need's window (it
        met this need, not an earlier one), or in the last year when the need states no start."""
        if x.get("status") in ONGOING_EXCHANGE:
            return True
        start = (need or {}).get("neededFrom") or _year_before(self.today)
        return bool(x.get("date")) and x["date"] >= start


def _year_before(iso: str) -> str:
    return f"{int(iso[:4]) - 1}{iso[4:]}"


def as_arrangement(x: Row) -> Arrangement:
    return Arrangement("exchange", x["id"], str(x.get("status")), x.get("titleFa", ""), x.get("date"))
