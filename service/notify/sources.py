"""What the store says is news: each source reads with one statement and returns the notes to write.

Requests: those filed and the steps taken in the sweep's window (``since``, ``until``], read from the
records themselves (so a restart or another worker finds the same ones), and the open requests due by
the horizon: due soon (receiver), overdue (both parties) and, overdue by ``escalation_days``, escalated
to the receiver's parent agency and the directorate. Plan actions late and agreement steps awaiting
come from the statements the ``plans`` and ``agree`` branches own, when those are in the library.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from service.domain.workflow import OPEN_STATUSES
from service.notify.kinds import Kind, agency_inbox
from service.notify.notes import Note
from service.notify.words import days_between, titles
from service.settings import NotifySettings
from service.storage.port import GraphStore, Row
from service.storage.queries import default_cypher_dir

PLAN_LATE = "plan/actions_late"
AGREEMENT_AWAITING = "agreement/steps_awaiting"
AGREEMENT_LINK = "/portal/agreements/{id}"  # the agency portal's agreement page (the agree branch)


@dataclass(frozen=True)
class Window:
    since: str  # ISO timestamps: the records written in (since, until] are news
    until: str
    today: dt.date
    directorate: tuple[str, ...]  # the directorate's inboxes (one per live directorate token)


def has_statement(name: str) -> bool:
    """Whether the Cypher library holds ``name`` (the plan and agreement sources arrive with their branches)."""
    return (default_cypher_dir() / f"{name}.cypher").is_file()


class Names:
    """Agency names for the titles, read once per sweep for the agencies the rows mention."""

    def __init__(self, rows: dict[str, Row]) -> None:
        self.rows = rows

    @classmethod
    async def load(cls, store: GraphStore, ids: Iterable[str | None]) -> Names:
        wanted = sorted({i for i in ids if i})
        rows = await store.read("agency/get", {"ids": wanted}) if wanted else []
        return cls({r["node"]["id"]: r["node"] for r in rows})

    def fa(self, ident: str | None) -> str:
        return str(self.rows.get(ident or "", {}).get("nameFa") or ident or "—")

    def en(self, ident: str | None) -> str:
        row = self.rows.get(ident or "", {})
        return str(row.get("nameEn") or row.get("nameFa") or ident or "—")


def request_link(recipient: str, request_id: str, receiver_id: str | None) -> str:
    """An agency opens the request in its portal; the directorate the receiver in the explorer."""
    if recipient.startswith("agency:"):
        return f"/portal/requests/{request_id}"
    return f"/graph/agency/{receiver_id}" if receiver_id else "/notifications"


def _request_note(kind: Kind, subject: str, recipient: str, row: Row, window: Window, fa_en: tuple[str, str]) -> Note:
    return Note(kind, subject, recipient, "request", row["id"], fa_en[0], fa_en[1],
                request_link(recipient, row["id"], row.get("receiverId")), window.today.isoformat(), row.get("dueDate"))  # fmt: skip


def _both(fa_title: tuple[str, str], en_title: tuple[str, str]) -> tuple[str, str]:
    return fa_title[0], en_title[1]


async def request_notes(store: GraphStore, window: Window, cfg: NotifySettings) -> list[Note]:
    span = {"since": window.since, "until": window.until}
    filed = await store.read("notification/requests_filed", span | {"sinceDay": window.since[:10]})
    moves = await store.read("notification/request_moves", span)
    horizon = (window.today + dt.timedelta(days=cfg.due_soon_days)).isoformat()
    due = await store.read("notification/requests_due", {"horizon": horizon, "openStatuses": sorted(s.value for s in OPEN_STATUSES)})
    names = await Names.load(store, [r.get(k) for r in filed + moves + due for k in ("senderId", "receiverId", "parentId", "byAgencyId")])
    notes: list[Note] = []

    def say(kind: Kind, row: Row, days: int = 0) -> tuple[str, str]:
        fa = titles(kind, subject=row.get("subject"), sender=names.fa(row.get("senderId")), receiver=names.fa(row.get("receiverId")),
                    due=row.get("dueDate"), days=days)  # fmt: skip
        en = titles(kind, subject=row.get("subject"), sender=names.en(row.get("senderId")), receiver=names.en(row.get("receiverId")),
                    due=row.get("dueDate"), days=days)  # fmt: skip
        return _both(fa, en)

    for row in filed:
        if row.get("receiverId"):
            notes.append(_request_note(Kind.REQUEST_NEW, f"new:{row['id']}", agency_inbox(row["receiverId"]), row, window, say(Kind.REQUEST_NEW, row)))
    for row in moves:
        mover = row.get("byAgencyId")
        by_fa, by_en = (names.fa(mover), names.en(mover)) if mover else ("دبیرخانه", "the directorate")
        fa = titles(Kind.REQUEST_MOVED, subject=row.get("subject"), status=row.get("toStatus"), by=by_fa)[0]
        en = titles(Kind.REQUEST_MOVED, subject=row.get("subject"), status=row.get("toStatus"), by=by_en)[1]
        for party in {row.get("senderId"), row.get("receiverId")} - {mover, None}:  # the other party hears of it
            notes.append(_request_note(Kind.REQUEST_MOVED, f"moved:{row['stepId']}", agency_inbox(str(party)), row, window, (fa, en)))
    for row in due:
        day = str(row["dueDate"])[:10]
        late = days_between(day, window.today)
        if late <= 0:  # due today or within the horizon
            if row.get("receiverId"):
                notes.append(_request_note(Kind.REQUEST_DUE_SOON, f"due_soon:{row['id']}:{day}", agency_inbox(row["receiverId"]),
                                           row, window, say(Kind.REQUEST_DUE_SOON, row)))  # fmt: skip
            continue
        words = say(Kind.REQUEST_OVERDUE, row)  # once per request, whoever is told
        for party in sorted({str(p) for p in (row.get("senderId"), row.get("receiverId")) if p}):
            notes.append(_request_note(Kind.REQUEST_OVERDUE, f"overdue:{row['id']}:{day}", agency_inbox(party), row, window, words))
        if late >= cfg.escalation_days:
            told = [agency_inbox(row["parentId"])] if row.get("parentId") and row["parentId"] != row.get("receiverId") else []
            words = say(Kind.REQUEST_ESCALATED, row, days=late)
            for recipient in told + list(window.directorate):
                notes.append(_request_note(Kind.REQUEST_ESCALATED, f"escalated:{row['id']}:{day}", recipient, row, window, words))
    return notes


async def plan_notes(store: GraphStore, window: Window) -> list[Note]:
    """Plan actions past their due date: each owner agency and the directorate."""
    if not has_statement(PLAN_LATE):
        return []
    notes = []
    for row in await store.read(PLAN_LATE, {"today": window.today.isoformat()}):
        due = str(row.get("dueDate") or "")[:10]
        fa, _ = titles(Kind.PLAN_ACTION_LATE, subject=row.get("titleFa"), due=due)
        _, en = titles(Kind.PLAN_ACTION_LATE, subject=row.get("titleEn") or row.get("titleFa"), due=due)
        recipients = [agency_inbox(a) for a in sorted(set(row.get("ownerIds") or []))] + list(window.directorate)
        for recipient in recipients:
            link = f"/portal/plan-actions#action-{row['actionId']}" if recipient.startswith("agency:") else f"/plans/{row.get('planId')}"
            notes.append(Note(Kind.PLAN_ACTION_LATE, f"plan_late:{row['actionId']}:{due}", recipient, "plan_action", str(row["actionId"]),
                              fa, en, link, window.today.isoformat(), due or None))  # fmt: skip
    return notes


async def agreement_notes(store: GraphStore, window: Window) -> list[Note]:
    """Agreement steps waiting for one party (acceptance, confirmation): that party."""
    if not has_statement(AGREEMENT_AWAITING):
        return []
    notes = []
    for row in await store.read(AGREEMENT_AWAITING, {"today": window.today.isoformat()}):
        if not row.get("awaitingAgencyId"):
            continue
        fa, _ = titles(Kind.AGREEMENT_STEP_AWAITING, subject=row.get("titleFa"), step=row.get("step"), since=row.get("since"))
        _, en = titles(Kind.AGREEMENT_STEP_AWAITING, subject=row.get("titleEn") or row.get("titleFa"), step=row.get("step"), since=row.get("since"))
        subject = f"agreement_step:{row['agreementId']}:{row.get('step')}:{row.get('stepId')}"
        notes.append(Note(Kind.AGREEMENT_STEP_AWAITING, subject, agency_inbox(str(row["awaitingAgencyId"])), "agreement", str(row["agreementId"]),
                          fa, en, AGREEMENT_LINK.format(id=row["agreementId"]), window.today.isoformat()))  # fmt: skip
    return notes
