"""One sweep: read what is news, write it as notifications (each once), queue and post webhooks,
mail the day's digests, and move the sweep's mark forward in the graph.

The mark (``SweepState {id: 'notify'}``, ``lastSweptAt``) lives in the store, so a restarted
service, or a second worker, carries on from where the last sweep got to instead of starting
again; windows overlap by ``OVERLAP_S`` so a record committed late is not skipped, and the dedupe
keys make the overlap harmless. The mark moves only after the notifications are written and the
webhooks queued: a sweep that dies half way is simply done again.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from service.domain.actor import Role
from service.notify import delivery, digest
from service.notify.kinds import token_inbox
from service.notify.notes import Note
from service.notify.sources import AGREEMENT_AWAITING, PLAN_LATE, Window, agreement_notes, has_statement, plan_notes, request_notes
from service.registry.clock import new_id
from service.settings import Settings
from service.storage.port import GraphStore

if TYPE_CHECKING:  # imported where webhooks are posted: httpx (and its CLI's imports) cost 0.15 s of start-up
    import httpx

log = logging.getLogger(__name__)
STATE_ID = "notify"
OVERLAP_S = 300
BATCH = 500
KEYS_BATCH = 5000


@dataclass
class SweepReport:
    sweep_id: str
    since: str
    until: str
    found: int = 0
    created: int = 0
    queued: int = 0
    deliveries: delivery.Delivered = field(default_factory=delivery.Delivered)
    digests: digest.Digests = field(default_factory=digest.Digests)
    sources: list[str] = field(default_factory=list)


def iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


class Sweeper:
    """Runs sweeps over one store; ``lock`` keeps this process to one sweep at a time (the store's
    keys keep two processes, or two sweepers, from writing anything twice)."""

    def __init__(self, store: GraphStore, settings: Settings, client: httpx.AsyncClient | None = None) -> None:
        self.store = store
        self.settings = settings
        self.cfg = settings.notify
        self.client = client
        self.lock = asyncio.Lock()

    def today(self) -> dt.date:
        return dt.date.fromisoformat(self.settings.today) if self.settings.today else dt.datetime.now(dt.UTC).date()

    async def directorate(self) -> tuple[str, ...]:
        rows = await self.store.read("token/list")
        return tuple(token_inbox(r["node"]["id"]) for r in rows
                     if r["node"].get("role") == Role.DIRECTORATE.value and not r["node"].get("revokedAt"))  # fmt: skip

    async def write(self, notes: list[Note], sweep_id: str, now: str) -> int:
        """MERGE the notes not yet written (keys only first: at city scale a sweep finds ~41k events,
        nearly all told before, and their full rows cost most of a sweep); returns how many it made."""
        created = 0
        existing: set[str] = set()
        keys = list({n.key for n in notes})
        for start in range(0, len(keys), KEYS_BATCH):
            existing.update(r["key"] for r in await self.store.read("notification/existing", {"keys": keys[start : start + KEYS_BATCH]}))
        unique = [n for n in {n.key: n for n in notes}.values() if n.key not in existing]
        for start in range(0, len(unique), BATCH):
            rows = await self.store.write("notification/merge", {"rows": [n.row() for n in unique[start : start + BATCH]], "now": now, "sweepId": sweep_id})
            created += sum(1 for r in rows if r["created"])
        return created

    async def run(self, *, deliver: bool = True, mail: bool = True) -> SweepReport:
        async with self.lock:
            return await self._run(deliver, mail)

    async def _run(self, deliver: bool, mail: bool) -> SweepReport:
        started = dt.datetime.now(dt.UTC)
        sweep_id, until = new_id("sw"), iso(started)
        state = await self.store.read("sweep/get", {"id": STATE_ID})
        last = state[0]["node"].get("lastSweptAt") if state else None
        first = iso(started - dt.timedelta(days=self.cfg.first_lookback_days))
        since = iso(dt.datetime.fromisoformat(last) - dt.timedelta(seconds=OVERLAP_S)) if last else first
        window = Window(since, until, self.today(), await self.directorate())
        report = SweepReport(sweep_id, since, until)
        notes = await request_notes(self.store, window, self.cfg)
        notes += await plan_notes(self.store, window)
        notes += await agreement_notes(self.store, window)
        report.sources = ["requests"] + [n for n, s in (("plans", PLAN_LATE), ("agreements", AGREEMENT_AWAITING)) if has_statement(s)]
        report.found = len(notes)
        report.created = await self.write(notes, sweep_id, until)
        report.queued = await delivery.enqueue(self.store, since, until)
        await self.store.write("sweep/advance", {"id": STATE_ID, "until": until, "sweepId": sweep_id, "now": iso(dt.datetime.now(dt.UTC))})
        if deliver:
            report.deliveries = await self._deliver(sweep_id)
        if mail and self.cfg.smtp.host and started.hour >= self.cfg.digest_hour_utc:
            report.digests = await digest.send_digests(self.store, self.cfg, window.today.isoformat(), window.directorate, sweep_id)
        log.info("sweep %s: %d found, %d new notifications, %d deliveries queued", sweep_id, report.found, report.created, report.queued)
        return report

    async def _deliver(self, claim_id: str) -> delivery.Delivered:
        if self.client is not None:
            return await delivery.deliver_due(self.store, self.cfg, self.client, claim_id)
        import httpx

        async with httpx.AsyncClient() as client:
            return await delivery.deliver_due(self.store, self.cfg, client, claim_id)
