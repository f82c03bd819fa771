"""The daily digest: one e-mail per recipient per day, in Persian (plain text and right-to-left HTML,
Jalali dates, Persian digits), listing its unread notifications.

Each digest is claimed in the store before it is sent (``digest/claim``: the key is the recipient and
the day, so of two sweeps or workers one sends), then recorded as sent or failed; a failed one is
claimed and sent again by a later sweep. The one case that can send twice is a crash after the
server accepted the mail and before the store recorded it: that claim is retried once it is
``claim_timeout_s`` old.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import logging
import smtplib
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from service.notify import mailer
from service.notify.kinds import AGENCY
from service.portal.i18n import digits, jdate
from service.settings import NotifySettings
from service.storage.port import GraphStore, Row

log = logging.getLogger(__name__)
DIRECTORATE = "directorate"


@dataclass
class Digests:
    sent: int = 0
    failed: int = 0
    skipped: int = 0  # claimed elsewhere, or already sent today
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Recipient:
    key: str  # "agency:<id>" or "directorate"
    name_fa: str
    email: str
    inboxes: tuple[str, ...]


def message(cfg: NotifySettings, to: Recipient, day: str, items: list[Row], unread: int) -> EmailMessage:
    """The mail itself: Persian subject, a plain-text part and an HTML part (rtl)."""
    site = cfg.site_url.rstrip("/")
    day_fa = jdate("fa", day)
    subject = f"هماهنگ: خلاصهٔ روزانهٔ پیگیری، {day_fa} ({digits('fa', unread)} اعلان خوانده‌نشده)"
    lines = [f"{to.name_fa}، سلام.", "", f"خلاصهٔ پیگیری هماهنگ برای {day_fa}: {digits('fa', unread)} اعلان خوانده‌نشده.", ""]
    for item in items:
        link = site + item["link"] if item.get("link") else ""
        lines.append(f"• {item.get('titleFa')} ({jdate('fa', str(item.get('createdAt') or '')[:10])})" + (f"\n  {link}" if link else ""))
    if unread > len(items):
        lines.append(f"… و {digits('fa', unread - len(items))} اعلان دیگر.")
    inbox = f"{site}/portal/inbox" if to.key.startswith(AGENCY) else f"{site}/notifications"
    lines += ["", f"صندوق اعلان‌ها: {inbox}", "", "این نامه را سامانهٔ هماهنگ فرستاده است؛ پاسخ به آن خوانده نمی‌شود."]
    text = "\n".join(lines)
    rows = "".join(
        f'<li style="margin:0 0 .5em">{html.escape(str(item.get("titleFa")))}'
        f' <span style="color:#666">({jdate("fa", str(item.get("createdAt") or "")[:10])})</span>'
        + (f' <a href="{html.escape(site + item["link"])}">باز کردن</a>' if item.get("link") else "") + "</li>"
        for item in items
    )  # fmt: skip
    more = f"<p>… و {digits('fa', unread - len(items))} اعلان دیگر.</p>" if unread > len(items) else ""
    body = f"""<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>{html.escape(subject)}</title></head>
<body dir="rtl" style="direction:rtl;text-align:right;font-family:Vazirmatn,Tahoma,sans-serif;line-height:1.8">
<p>{html.escape(to.name_fa)}، سلام.</p>
<p>خلاصهٔ پیگیری هماهنگ برای <strong>{day_fa}</strong>: {digits("fa", unread)} اعلان خوانده‌نشده.</p>
<ul>{rows}</ul>{more}
<p><a href="{html.escape(inbox)}">صندوق اعلان‌ها</a></p>
<p style="color:#666;font-size:.9em">این نامه را سامانهٔ هماهنگ فرستاده است؛ پاسخ به آن خوانده نمی‌شود.</p>
</body></html>"""
    mail = EmailMessage()
    mail["Subject"] = subject
    mail["From"] = cfg.smtp.sender
    mail["To"] = formataddr((to.name_fa, to.email))
    mail["Message-ID"] = make_msgid("digest", domain="hamahang.local")
    mail["Auto-Submitted"] = "auto-generated"
    mail["X-Hamahang-Digest"] = f"{to.key}:{day}"
    mail.set_content(text)
    mail.add_alternative(body, subtype="html")
    mail["Content-Language"] = "fa"  # after the parts: set_content drops the Content-* headers set before it
    return mail


async def recipients(store: GraphStore, cfg: NotifySettings, directorate: tuple[str, ...]) -> list[Recipient]:
    """Agencies with unread notifications and a contact e-mail, and the directorate's mailbox."""
    found = [Recipient(f"agency:{r['agencyId']}", str(r.get("nameFa") or r["agencyId"]), str(r["email"]), (f"agency:{r['agencyId']}",))
             for r in await store.read("digest/recipients")]  # fmt: skip
    if cfg.directorate_email and directorate:
        found.append(Recipient(DIRECTORATE, "دبیرخانهٔ هماهنگی", cfg.directorate_email, directorate))
    return found


def _dedupe(rows: list[Row]) -> list[Row]:
    """The directorate's inboxes hold one copy per user: the digest lists each event once."""
    seen: set[str] = set()
    out = []
    for row in rows:
        if row.get("subject") not in seen:
            seen.add(str(row.get("subject")))
            out.append(row)
    return out


async def send_one(store: GraphStore, cfg: NotifySettings, to: Recipient, day: str, claim_id: str, now: dt.datetime) -> str:
    """'sent', 'failed', 'skipped' (nothing unread) or 'held' (claimed elsewhere or already sent)."""
    items = _dedupe([r["node"] for r in await store.read("notification/inbox", {
        "recipients": list(to.inboxes), "unreadOnly": True, "kind": None, "skip": 0, "limit": 500})])  # fmt: skip
    if not items:
        return "skipped"
    stale = (now - dt.timedelta(seconds=cfg.claim_timeout_s)).isoformat(timespec="milliseconds")
    claimed = await store.write("digest/claim", {
        "key": f"digest:{to.key}:{day}", "recipient": to.key, "day": day, "now": now.isoformat(timespec="milliseconds"),
        "maxAttempts": cfg.webhook_max_attempts, "staleBefore": stale, "claimId": claim_id, "email": to.email,
    })  # fmt: skip
    if not claimed:
        return "held"
    mail = message(cfg, to, day, items[: cfg.digest_max_items], len(items))
    error = None
    try:
        await asyncio.to_thread(mailer.send, cfg.smtp, mail)
    except (smtplib.SMTPException, OSError) as exc:
        error = f"{type(exc).__name__}: {exc}"[:500]
        log.warning("digest %s for %s not sent: %s", day, to.key, error)
    done = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
    await store.write("digest/record", {
        "key": f"digest:{to.key}:{day}", "claimId": claim_id, "status": "failed" if error else "sent",
        "sentAt": None if error else done, "error": error, "items": len(items), "now": done,
    })  # fmt: skip
    return "failed" if error else "sent"


async def send_digests(store: GraphStore, cfg: NotifySettings, day: str, directorate: tuple[str, ...], claim_id: str) -> Digests:
    out = Digests()
    if not cfg.smtp.host:
        return out
    now = dt.datetime.now(dt.UTC)
    for to in await recipients(store, cfg, directorate):
        result = await send_one(store, cfg, to, day, claim_id, now)
        if result == "sent":
            out.sent += 1
        elif result == "failed":
            out.failed += 1
            out.errors.append(to.key)
        else:
            out.skipped += 1
    return out
