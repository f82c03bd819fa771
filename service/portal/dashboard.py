"""What an agency's pages show, read through the same repository and policy as GraphQL.

The session's Repository carries the agency's view: lists, lookups and histories hold only what
it may read. Win-win opportunities come from the analysis runner run on that same view, so they
are made only of the agency's own needs and issues, the issues that concern it, and the shared
capacities: the page never learns of another agency's private need.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from service.analysis import runner
from service.domain.actor import Actor
from service.domain.enums import AgencyKind, RequestStatus
from service.domain.workflow import OPEN_STATUSES, TRANSITIONS, Party
from service.notify.inbox import Inbox
from service.registry.clock import today_iso
from service.registry.repository import Repository
from service.registry.specs import AGENCY, CAPACITY, DUTY, ISSUE, NEED, REQUEST, EntitySpec
from service.settings import Settings
from service.storage.port import Row

LIMIT = 200  # rows per dashboard table; the dashboard is a summary, GraphQL pages the rest


def overdue(row: Row, today: str) -> bool:
    """Open and past its due date: the same rule as Request.overdue in GraphQL."""
    due = row.get("dueDate")
    return bool(due) and RequestStatus(row["status"]) in OPEN_STATUSES and str(due) < today


@dataclass
class Dashboard:
    sent: list[Row]
    received: list[Row]
    capacities: list[Row]
    needs: list[Row]
    issues_raised: list[Row]
    issues_about: list[Row]
    opportunities: list[dict[str, Any]]
    in_place: list[dict[str, Any]] = field(default_factory=list)  # win-win matches already arranged
    agencies: dict[str, Row] = field(default_factory=dict)


class Reader:
    """One agency's reads, through its session's Repository (which applies the policy)."""

    def __init__(self, repo: Repository, actor: Actor, settings: Settings) -> None:
        self.repo = repo
        self.actor = actor
        self.settings = settings

    async def page(self, spec: EntitySpec, sort: str = "created", desc: bool = True, **filters: Any) -> list[Row]:
        return await self.repo.page(spec, filters=filters, sort=sort, desc=desc, limit=LIMIT)

    async def agencies(self, ids: set[str]) -> dict[str, Row]:
        return await self.repo.get_many(AGENCY, sorted(i for i in ids if i))

    async def all_agencies(self) -> list[Row]:
        return await self.repo.page(AGENCY, filters={}, sort="name", desc=False, limit=2000)

    async def dashboard(self) -> Dashboard:
        me = self.actor.agency_id
        today = today_iso()
        board = Dashboard(
            sent=await self.page(REQUEST, sort="filed", senderId=me),
            received=await self.page(REQUEST, sort="filed", receiverId=me),
            capacities=await self.page(CAPACITY, agencyId=me),
            needs=await self.page(NEED, agencyId=me),
            issues_raised=await self.page(ISSUE, raisedById=me),
            issues_about=await self.page(ISSUE, concernsId=me),
            opportunities=[],
        )
        board.opportunities, board.in_place = await self.opportunities()
        for row in board.sent + board.received:
            row["overdue"] = overdue(row, today)
        ids = {r["senderId"] for r in board.received} | {r["receiverId"] for r in board.sent}
        ids |= {r["raisedById"] for r in board.issues_about} | {
            a for r in board.issues_raised for a in r["concernsIds"]
        }
        ids |= await self._decisions(board.issues_raised + board.issues_about)
        ids |= {a for o in board.opportunities for a in o["agencies"]}
        ids |= {a for m in board.in_place for a in (m["provider"], m["receiver"])}
        board.agencies = await self.agencies(ids)
        return board

    async def _decisions(self, issues: list[Row]) -> set[str]:
        """Put on each issue the committee's decision in force on a proposal holding it (issue 19 item 2),
        as this agency may read it; returns the owner agencies to name."""
        from service.registry.intake import decisions, in_force

        latest = sorted(in_force(await decisions(self.repo)).values(), key=lambda r: (r["at"], r["id"]))
        by_issue = {i: d for d in latest for i in d.get("memberIds") or []}
        for row in issues:
            row["decision"] = by_issue.get(row["id"])
        return {d["ownerAgencyId"] for d in latest if d.get("ownerAgencyId")}

    async def counts(self) -> dict[str, int]:
        """For the navigation bar: requests received and not yet acknowledged, and overdue ones."""
        me, today = self.actor.agency_id, today_iso()
        received = await self.page(REQUEST, sort="filed", receiverId=me)
        sent = await self.page(REQUEST, sort="filed", senderId=me)
        from service.portal.agreements import awaiting_count  # branch agree: agreement steps awaiting this agency

        return {"new": sum(1 for r in received if r["status"] == RequestStatus.SUBMITTED.value),
                "overdue": sum(1 for r in received + sent if overdue(r, today)),
                "agreements": await awaiting_count(self.repo, me), "unread": await self.unread()}  # fmt: skip

    async def unread(self) -> int:
        """Unread notifications in this agency's inbox (the header's count)."""
        return (await Inbox(self.repo.store, self.repo.view).counts())[1]

    async def opportunities(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Win-win opportunities found in what this agency may read: the cycles it takes part in (with
        its share: what it gains, what it gives, whether it carries the cost), then one-way offers
        (another agency's capacity answering its own need or issue) that no shown cycle already holds;
        and its matches already arranged, with their record. Another agency's private needs are not in
        its view, so cycles are rare here; the offers are what its view can tell it."""
        me = self.actor.agency_id
        result = await runner.winwin(self.repo, self.settings)
        found: list[tuple[str, str, bool, list[str], list[Any], Any]] = [
            (o.id, o.kind, o.chosen, o.agencies, o.matches, o) for o in result.opportunities if me in o.agencies]
        held = {(m.capacity_id, m.target_id) for *_, matches, _ in found for m in matches}
        found += [(f"offer:{m.capacity_id}:{m.target_id}", "offer", False, [m.provider, m.receiver], [m], None)
                  for m in result.matches if m.receiver == me and (m.capacity_id, m.target_id) not in held]  # fmt: skip
        matches = [m for *_, ms, _ in found for m in ms]
        capacities = await self.repo.get_many(CAPACITY, [m.capacity_id for m in matches])
        targets = await self.repo.get_many(NEED, [m.target_id for m in matches if m.target_kind == "need"])
        targets |= await self.repo.get_many(ISSUE, [m.target_id for m in matches if m.target_kind == "issue"])
        shown = []
        for ident, kind, chosen, agencies, ms, opp in found:
            party = next((p for p in opp.parties if p.agency_id == me), None) if opp else None
            shown.append({
                "id": ident, "kind": kind, "chosen": chosen, "agencies": agencies, "matches": [
                    {"provider": m.provider, "receiver": m.receiver, "targetKind": m.target_kind,
                     "capacity": capacities.get(m.capacity_id, {"titleFa": m.capacity_id}), "target": targets.get(m.target_id)}
                    for m in ms],
                "share": party is not None, "gains": party.gains_rials if party else 0,
                "gives": party.gives_rials if party else 0, "carries": bool(opp) and me in opp.carriers,
            })  # fmt: skip
        in_place = [{"provider": m.provider, "receiver": m.receiver, "record": m.in_place} for m in result.in_place
                    if me in (m.provider, m.receiver) and m.in_place]  # fmt: skip
        return shown, in_place

    async def about(self, ident: str | None) -> tuple[str, Row] | None:
        """What a request is about (capacity, need, issue or duty), when this agency may read it."""
        if not ident:
            return None
        for spec in (CAPACITY, NEED, ISSUE, DUTY):
            found = await self.repo.get_many(spec, [ident])
            if ident in found:
                return spec.key, found[ident]
        return None

    async def steps(self, request_id: str) -> list[Row]:
        return (await self.repo.steps([request_id])).get(request_id, [])

    async def receivers(self) -> list[Row]:
        """Agencies a request can go to: every agency but this one and the stakeholder groups
        (citizens, elites: they hold no office that could act on a request)."""
        return [a for a in await self.all_agencies()
                if a["id"] != self.actor.agency_id and a.get("kind") != AgencyKind.STAKEHOLDER_GROUP.value]  # fmt: skip

    async def about_choices(self, receiver: str | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
        """The request form's «about» list: our needs and issues, and the chosen receiver's
        capacities (none until a receiver is chosen)."""
        me = self.actor.agency_id
        theirs = await self.page(CAPACITY, sort="title", desc=False, agencyId=receiver) if receiver and receiver != me else []
        return [
            ("our_needs", [(n["id"], n["titleFa"]) for n in await self.page(NEED, sort="title", desc=False, agencyId=me)]),
            ("our_issues", [(i["id"], i["titleFa"]) for i in await self.page(ISSUE, sort="title", desc=False, raisedById=me)]),
            ("their_capacities", [(c["id"], c["titleFa"]) for c in theirs]),
        ]  # fmt: skip


@dataclass(frozen=True)
class RequestView:
    """The dashboard's sort and filter for its two request tables (query parameters)."""

    status: str = ""
    overdue_only: bool = False
    counterpart: str = ""
    sort: str = "due"  # due | filed

    @classmethod
    def of(cls, params: Any) -> RequestView:
        status = params.get("status", "")
        sort = params.get("sort", "due")
        return cls(status if status in {s.value for s in RequestStatus} else "", params.get("overdue") == "1",
                   str(params.get("counterpart", ""))[:100], sort if sort in ("due", "filed") else "due")  # fmt: skip

    def apply(self, rows: list[Row], side: str) -> list[Row]:
        """Filtered, then overdue first, then the chosen order (due soonest; or filed newest)."""
        keep = [r for r in rows if (not self.status or r["status"] == self.status) and (not self.overdue_only or r.get("overdue"))
                and (not self.counterpart or r.get(side) == self.counterpart)]  # fmt: skip
        if self.sort == "filed":
            keep.sort(key=lambda r: str(r.get("filedOn") or r.get("createdAt") or ""), reverse=True)
        else:
            keep.sort(key=lambda r: (r.get("status") not in {s.value for s in OPEN_STATUSES}, str(r.get("dueDate") or "9999")))
        keep.sort(key=lambda r: not r.get("overdue"))  # stable: overdue first, each part in the chosen order
        return keep


def moves_for(actor: Actor, row: Row) -> list[str]:
    """The statuses this agency may move the request to: the workflow's moves for its side."""
    side = Party.SENDER if row.get("senderId") == actor.agency_id else Party.RECEIVER
    if side == Party.RECEIVER and row.get("receiverId") != actor.agency_id:
        return []
    return [to.value for to, party in TRANSITIONS[RequestStatus(row["status"])].items() if party == side]
