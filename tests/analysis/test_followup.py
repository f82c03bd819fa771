"""Follow-up: open-request matrix, overdue flags, per-agency medians, on planted data and the demo."""

from __future__ import annotations

import json
from typing import Any

import pytest

from service.analysis.followup import analyse_followup
from service.analysis.snapshot import Snapshot
from service.domain.workflow import OPEN_STATUSES
from tests.factories import agency

TODAY = "2024-03-01"


def request(ident: str, sender: str, receiver: str, status: str, due: str | None = None,
            filed: str | None = None, created: str = "2024-01-01T08:00:00.000+00:00") -> dict[str, Any]:  # fmt: skip
    row = {"id": ident, "subject": f"موضوع {ident}", "status": status, "senderId": sender, "receiverId": receiver,
           "dueDate": due, "createdAt": created}  # fmt: skip
    if filed:
        row["filedOn"] = filed
    return row


def step(frm: str, to: str, at: str) -> dict[str, Any]:
    return {"fromStatus": frm, "toStatus": to, "at": at, "by": "x", "comment": ""}


def planted() -> Snapshot:
    agencies = [agency("ag-a", "A", "الف"), agency("ag-b", "B", "ب"), agency("ag-c", "C", "ج"),
                agency("ag-d", "D", "د")]  # fmt: skip
    requests = [
        request("rq-1", "ag-a", "ag-b", "submitted", due="2024-01-10"),  # overdue
        request("rq-2", "ag-a", "ag-b", "in_progress", due="2024-02-01"),  # overdue
        request("rq-3", "ag-a", "ag-b", "acknowledged", due=TODAY),  # due today: not yet overdue
        request("rq-4", "ag-c", "ag-b", "done", due="2024-02-01", filed="2024-01-01"),
        request("rq-5", "ag-b", "ag-c", "rejected"),  # no filedOn: counted from createdAt
        request("rq-6", "ag-a", "ag-c", "done", filed="2024-01-01"),
        request("rq-7", "ag-c", "ag-a", "withdrawn", due="2024-01-01"),  # neither open nor closed
        request("rq-8", "ag-c", "ag-d", "submitted"),  # open, no due date
        request("rq-9", "ag-a", "ag-d", "submitted", due="2024-12-01"),
        request("rq-10", "ag-c", "ag-d", "acknowledged", due="2024-12-01"),  # D: most open, none overdue
        request("rq-11", "ag-c", "ag-d", "in_progress", due="2024-12-01"),
    ]
    steps = {
        "rq-4": [step("submitted", "acknowledged", "2024-01-05T00:00:00.000+00:00"),
                 step("acknowledged", "in_progress", "2024-01-10T00:00:00.000+00:00"),
                 step("in_progress", "done", "2024-01-21T00:00:00.000+00:00")],  # 20 days
        "rq-5": [step("submitted", "acknowledged", "2024-01-03T10:00:00.000+00:00"),
                 step("acknowledged", "rejected", "2024-01-11T16:30:00.000+00:00")],  # 10 days
        "rq-6": [step("submitted", "acknowledged", "2024-01-02T00:00:00.000+00:00"),
                 step("acknowledged", "in_progress", "2024-01-03T00:00:00.000+00:00"),
                 step("in_progress", "done", "2024-01-31T00:00:00.000+00:00")],  # 30 days
    }  # fmt: skip
    return Snapshot(rows={"agency": agencies, "request": requests}, steps=steps)


def test_matrix_counts_open_requests_sender_to_receiver_with_evidence() -> None:
    result = analyse_followup(planted(), TODAY)
    m = result.matrix
    assert m.name == "open_requests" and m.directed
    assert {k: c.value for k, c in m.cells.items()} == {
        ("ag-a", "ag-b"): 3.0,
        ("ag-c", "ag-d"): 3.0,
        ("ag-a", "ag-d"): 1.0,
    }
    overdue = {e["requestId"]: e["overdue"] for e in m.cells[("ag-a", "ag-b")].evidence}
    assert overdue == {"rq-1": True, "rq-2": True, "rq-3": False}
    first = next(e for e in m.cells[("ag-a", "ag-b")].evidence if e["requestId"] == "rq-1")
    assert first["status"] == "submitted" and first["dueDate"] == "2024-01-10" and first["subject"] == "موضوع rq-1"
    assert "51 days overdue" in first["why"] and "1402/10/20" in first["why"]  # Jalali due date for the reader
    assert not any(e["overdue"] for e in m.cells[("ag-c", "ag-d")].evidence)  # no due date, or not yet due


def test_per_agency_rows_worst_first_with_medians() -> None:
    result = analyse_followup(planted(), TODAY)
    rows = {a.agency_id: a for a in result.agencies}
    assert result.agencies[0].agency_id == "ag-b"
    b, c, a, d = rows["ag-b"], rows["ag-c"], rows["ag-a"], rows["ag-d"]
    assert (b.open_received, b.overdue_received, b.closed_received, b.open_sent) == (3, 2, 1, 0)
    assert b.median_days_to_close == 20.0 and b.name_fa == "ب"
    assert (c.closed_received, c.median_days_to_close, c.open_sent) == (2, 20.0, 3)  # median of 10 and 30
    assert (a.open_sent, a.open_received, a.closed_received, a.median_days_to_close) == (4, 0, 0, None)
    assert (d.open_received, d.overdue_received) == (4, 0)
    assert [x.agency_id for x in result.agencies] == ["ag-b", "ag-d", "ag-c", "ag-a"]  # ties: slower closer first
    assert result.totals == {"requests": 11, "open": 7, "overdue": 2, "closed": 3}


def test_as_dict_is_plain_json_and_today_is_checked() -> None:
    data = json.loads(json.dumps(analyse_followup(planted(), TODAY).as_dict(), ensure_ascii=False))
    assert data["today"] == TODAY and data["matrix"]["name"] == "open_requests"
    assert data["agencies"][0]["agency_id"] == "ag-b"
    with pytest.raises(ValueError):
        analyse_followup(planted(), "1403/13/40")


def test_demo_matrix_total_is_the_open_request_count(demo_snapshot: Snapshot) -> None:
    today = "2025-06-01"
    result = analyse_followup(demo_snapshot, today)
    open_rows = [r for r in demo_snapshot["request"] if r["status"] in {s.value for s in OPEN_STATUSES}]
    assert open_rows
    assert sum(c.value for c in result.matrix.cells.values()) == len(open_rows) == result.totals["open"]
    overdue = [r for r in open_rows if r.get("dueDate") and r["dueDate"] < today]
    assert sum(a.overdue_received for a in result.agencies) == len(overdue) == result.totals["overdue"]
    assert [a.overdue_received for a in result.agencies] == sorted(
        (a.overdue_received for a in result.agencies), reverse=True
    )
    assert any(a.median_days_to_close is not None and a.median_days_to_close > 0 for a in result.agencies)
