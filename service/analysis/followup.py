"""Follow-up: who owes whom an answer, which of those answers are late, and how fast each agency
closes what it receives. The directorate chases agencies from this table, so every number in it
points back to the requests behind it."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import asdict, dataclass, field
from typing import Any

from service.analysis.matrix import AgencyMatrix, AgencyRef
from service.analysis.snapshot import Row, Snapshot
from service.domain.enums import RequestStatus
from service.domain.workflow import OPEN_STATUSES
from service.text.jalali import to_jalali

OPEN = frozenset(s.value for s in OPEN_STATUSES)
# Closed by the receiver's answer; a withdrawal is the sender's act and says nothing about the receiver.
CLOSED = frozenset({RequestStatus.DONE.value, RequestStatus.REJECTED.value})


@dataclass
class AgencyFollowUp:
    """One agency's follow-up record; ``median_days_to_close`` is over requests it received."""

    agency_id: str
    name_fa: str
    open_received: int = 0
    overdue_received: int = 0
    open_sent: int = 0
    closed_received: int = 0
    median_days_to_close: float | None = None


@dataclass
class FollowUpResult:
    """The open-request matrix (sender → receiver), per-agency rows worst first, and totals."""

    today: str
    matrix: AgencyMatrix
    agencies: list[AgencyFollowUp] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "today": self.today,
            "matrix": self.matrix.as_dict(),
            "agencies": [asdict(a) for a in self.agencies],
            "totals": dict(self.totals),
        }


def _day(value: Any) -> dt.date | None:
    """ISO date or datetime (``2024-06-02T00:00:00.000+00:00``) to its calendar day."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def agency_refs(snap: Snapshot, extra: set[str]) -> list[AgencyRef]:
    """Every agency of the snapshot, plus ids referenced but absent (archived), so cells always index."""
    known = snap.agencies()
    refs = [AgencyRef(a["id"], a.get("nameFa") or a["id"], a.get("nameEn"), a.get("code")) for a in known.values()]
    refs += [AgencyRef(i, i) for i in sorted(extra - set(known))]
    return refs


def days_to_close(request: Row, steps: list[Row]) -> int | None:
    """Days from filing (``filedOn``, else ``createdAt``) to the step that closed it (done/rejected)."""
    start = _day(request.get("filedOn")) or _day(request.get("createdAt"))
    end = next((_day(s.get("at")) for s in steps if s.get("toStatus") in CLOSED), None)
    if start is None or end is None:
        return None
    return (end - start).days


def analyse_followup(snap: Snapshot, today: str) -> FollowUpResult:
    """Open requests count in the matrix; a request is overdue when open and its due date is before ``today``."""
    now = _day(today)
    if now is None:
        raise ValueError(f"today must be an ISO date, got {today!r}")
    requests = sorted(snap["request"], key=lambda r: r["id"])
    ids = {r[k] for r in requests for k in ("senderId", "receiverId") if r.get(k)}
    matrix = AgencyMatrix("open_requests", agency_refs(snap, ids), directed=True)
    names = {a.id: a.name_fa for a in matrix.agencies}
    rows: dict[str, AgencyFollowUp] = {}
    durations: dict[str, list[int]] = {}

    def row(agency_id: str) -> AgencyFollowUp:
        return rows.setdefault(agency_id, AgencyFollowUp(agency_id, names.get(agency_id, agency_id)))

    totals = {"requests": len(requests), "open": 0, "overdue": 0, "closed": 0}
    for r in requests:
        sender, receiver, status = r.get("senderId"), r.get("receiverId"), r.get("status")
        if not sender or not receiver:
            continue
        sent, received = row(sender), row(receiver)
        if status in OPEN:
            due = _day(r.get("dueDate"))
            overdue = due is not None and due < now
            late = f", {(now - due).days} days overdue" if overdue and due else ""
            due_text = f"{r.get('dueDate') or '—'} ({to_jalali(r.get('dueDate')) or '—'})"
            why = (f"«{r.get('subject', '')}» from {names.get(sender, sender)} to {names.get(receiver, receiver)} "
                   f"is {status}, due {due_text}{late}")  # fmt: skip
            evidence = {"requestId": r["id"], "subject": r.get("subject"), "status": status,
                        "dueDate": r.get("dueDate"), "overdue": overdue, "why": why}  # fmt: skip
            matrix.add(sender, receiver, 1.0, evidence)
            sent.open_sent += 1
            received.open_received += 1
            received.overdue_received += int(overdue)
            totals["open"] += 1
            totals["overdue"] += int(overdue)
        elif status in CLOSED:
            received.closed_received += 1
            totals["closed"] += 1
            days = days_to_close(r, snap.steps.get(r["id"], []))
            if days is not None:
                durations.setdefault(receiver, []).append(days)
    for agency_id, values in durations.items():
        rows[agency_id].median_days_to_close = float(statistics.median(values))
    ranked = sorted(rows.values(), key=lambda a: (-a.overdue_received, -a.open_received,
                                                  -(a.median_days_to_close or 0.0), a.agency_id))  # fmt: skip
    return FollowUpResult(today=now.isoformat(), matrix=matrix, agencies=ranked, totals=totals)
