"""GraphQL over follow-up: the reader's inbox (the View names it: an agency's own, a directorate
user's own), marking read, webhooks (an agency manages its own only; another's answers as missing),
their delivery log, the digest log and one sweep on demand (directorate)."""

from typing import Any

import strawberry
from strawberry.types import Info

from service.auth.policy import require_role
from service.domain.actor import Role
from service.notify import webhooks
from service.notify.inbox import Inbox
from service.notify.kinds import Kind
from service.notify.sweep import Sweeper
from service.portal.i18n import jdate

strawberry.enum(Kind, name="NotificationKind", description="What a notification tells")
NotificationKind = Kind
MAX_FIRST = 100


def _inbox(info: Info) -> Inbox:
    repo = info.context.repo
    return Inbox(repo.store, repo.view)


@strawberry.type(description="One notification in one inbox; written once per event and recipient by the sweep")
class Notification:
    id: strawberry.ID
    kind: NotificationKind
    title_fa: str
    title_en: str
    link: str | None = strawberry.field(description="Where the record is on this site (a path)")
    record_kind: str
    record_id: strawberry.ID
    due_date: str | None
    created_at: str
    read_at: str | None

    @strawberry.field(description="When it was written, in the Jalali calendar (Persian digits)")
    def created_jalali(self) -> str:
        return jdate("fa", self.created_at[:10])

    @strawberry.field
    def read(self) -> bool:
        return self.read_at is not None

    @staticmethod
    def of(row: dict[str, Any]) -> "Notification":
        return Notification(id=row["id"], kind=Kind(row["kind"]), title_fa=row.get("titleFa") or "", title_en=row.get("titleEn") or "",
                            link=row.get("link"), record_kind=row.get("recordKind") or "", record_id=strawberry.ID(row.get("recordId") or ""),
                            due_date=row.get("dueDate"), created_at=row.get("createdAt") or "", read_at=row.get("readAt"))  # fmt: skip


@strawberry.type(description="A page of the reader's inbox, newest first, with its counts")
class NotificationPage:
    total_count: int
    unread_count: int
    nodes: list[Notification]


@strawberry.type(description="An agency's webhook: deliveries of its notifications, signed (see README: Webhooks)")
class Webhook:
    id: strawberry.ID
    agency_id: strawberry.ID
    url: str
    description: str | None
    active: bool
    created_at: str | None

    @staticmethod
    def of(row: dict[str, Any]) -> "Webhook":
        return Webhook(id=row["id"], agency_id=strawberry.ID(row.get("agencyId") or ""), url=row.get("url") or "", description=row.get("description"),
                       active=bool(row.get("active")), created_at=row.get("createdAt"))  # fmt: skip


@strawberry.type(description="A new webhook: its signing secret is shown now and never again")
class NewWebhook:
    secret: str
    webhook: Webhook


@strawberry.type(description="One notification's delivery to one webhook: status, attempts and their log")
class WebhookDelivery:
    id: strawberry.ID
    webhook_id: strawberry.ID
    event: str | None
    status: str = strawberry.field(description="pending, sending, retrying, delivered, failed or cancelled")
    attempts: int
    next_attempt_at: str | None
    last_status_code: int | None
    last_error: str | None
    delivered_at: str | None
    created_at: str | None
    log: list[str]

    @staticmethod
    def of(row: dict[str, Any]) -> "WebhookDelivery":
        return WebhookDelivery(id=row["id"], webhook_id=strawberry.ID(row.get("webhookId") or ""), event=row.get("event"), status=row.get("status") or "",
                               attempts=int(row.get("attempts") or 0), next_attempt_at=row.get("nextAttemptAt"),
                               last_status_code=row.get("lastStatusCode"), last_error=row.get("lastError"),
                               delivered_at=row.get("deliveredAt"), created_at=row.get("createdAt"), log=list(row.get("log") or []))  # fmt: skip


@strawberry.type(description="One recipient's digest e-mail for one day")
class NotificationDigest:
    recipient: str
    day: str
    status: str = strawberry.field(description="sending, sent or failed (a failed one is sent again by the next sweep)")
    attempts: int
    email: str | None
    items: int | None
    sent_at: str | None
    error: str | None


@strawberry.type(description="What one sweep did")
class SweepReport:
    since: str
    until: str
    found: int = strawberry.field(description="notifications the sources called for (written before or now)")
    created: int = strawberry.field(description="notifications this sweep wrote (the rest existed: never written twice)")
    queued: int
    delivered: int
    digests_sent: int
    digests_failed: int
    sources: list[str]


async def notifications(info: Info, unread_only: bool = False, kind: NotificationKind | None = None, first: int = 20,
                        offset: int = 0) -> NotificationPage:  # fmt: skip
    """My inbox: an agency token reads its agency's, a directorate token its own."""
    inbox = _inbox(info)
    total, unread = await inbox.counts()
    rows = await inbox.page(unread_only=unread_only, kind=kind.value if kind else None, skip=max(offset, 0), limit=max(1, min(first, MAX_FIRST)))
    return NotificationPage(total_count=total, unread_count=unread, nodes=[Notification.of(r) for r in rows])


async def unread_notification_count(info: Info) -> int:
    return (await _inbox(info).counts())[1]


async def mark_notifications_read(info: Info, ids: list[strawberry.ID] | None = None, all: bool = False) -> int:
    """Mark these notifications of my inbox read (all=true: every one); returns how many changed.
    Ids of another inbox change nothing, as if they did not exist."""
    if not all and not ids:
        return 0
    return await _inbox(info).mark_read(None if all else [str(i) for i in ids or []])


async def webhooks_list(info: Info, agency_id: strawberry.ID | None = None) -> list[Webhook]:
    """Webhooks: an agency sees its own; the directorate all (or one agency's)."""
    require_role(info.context.actor, Role.DIRECTORATE, Role.AGENCY)
    repo = info.context.repo
    return [Webhook.of(r) for r in await webhooks.listing(repo.store, repo.view, agency_id and str(agency_id))]


async def webhook_deliveries(info: Info, webhook_id: strawberry.ID, first: int = 50, offset: int = 0) -> list[WebhookDelivery]:
    """A webhook's delivery log, newest first (NOT_FOUND for another agency's webhook)."""
    require_role(info.context.actor, Role.DIRECTORATE, Role.AGENCY)
    repo = info.context.repo
    rows = await webhooks.deliveries(repo.store, repo.view, str(webhook_id), max(offset, 0), max(1, min(first, MAX_FIRST)))
    return [WebhookDelivery.of(r) for r in rows]


async def register_webhook(info: Info, url: str, agency_id: strawberry.ID | None = None, description: str | None = None) -> NewWebhook:
    """Register an http(s) URL to receive the agency's notifications, signed with the secret returned
    here once. An agency registers for itself; the directorate names the agency."""
    require_role(info.context.actor, Role.DIRECTORATE, Role.AGENCY)
    repo, settings = info.context.repo, info.context.settings
    secret, row = await webhooks.register(repo.store, repo.view, info.context.actor, url, agency_id and str(agency_id), description,
                                          settings.notify.webhook_allow_private)  # fmt: skip
    return NewWebhook(secret=secret, webhook=Webhook.of(row))


async def deactivate_webhook(info: Info, id: strawberry.ID) -> Webhook:
    require_role(info.context.actor, Role.DIRECTORATE, Role.AGENCY)
    repo = info.context.repo
    return Webhook.of(await webhooks.deactivate(repo.store, repo.view, info.context.actor, str(id)))


async def notification_digests(info: Info, day: str | None = None, first: int = 100) -> list[NotificationDigest]:
    """The digest log (directorate): who was mailed on which day, and what went wrong."""
    require_role(info.context.actor, Role.DIRECTORATE)
    rows = await info.context.repo.store.read("digest/list", {"day": day, "limit": max(1, min(first, 500))})
    return [NotificationDigest(recipient=r["node"]["recipient"], day=r["node"]["day"], status=r["node"].get("status") or "",
                               attempts=int(r["node"].get("attempts") or 0), email=r["node"].get("email"), items=r["node"].get("items"),
                               sent_at=r["node"].get("sentAt"), error=r["node"].get("error")) for r in rows]  # fmt: skip


async def sweep_notifications(info: Info) -> SweepReport:
    """Run one sweep now (directorate): what the timer does every HAMAHANG_NOTIFY__SWEEP_INTERVAL_S."""
    require_role(info.context.actor, Role.DIRECTORATE)
    report = await Sweeper(info.context.repo.store, info.context.settings).run()
    return SweepReport(since=report.since, until=report.until, found=report.found, created=report.created, queued=report.queued,
                       delivered=report.deliveries.delivered, digests_sent=report.digests.sent, digests_failed=report.digests.failed,
                       sources=report.sources)  # fmt: skip
