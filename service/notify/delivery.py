"""Webhook deliveries: queued once per (notification, webhook), claimed once per attempt, posted
signed, retried with exponential backoff, and logged on the delivery record (the delivery log).

A 2xx answer delivers; anything else (an error status, a redirect, which is never followed, a
timeout, a refused address) is retried after ``webhook_backoff_s`` × 2^(attempt-1) (at most a day)
until ``webhook_max_attempts``, then the delivery is ``failed``. A deactivated webhook's queued
deliveries end ``cancelled``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import orjson

from service.errors import ServiceError
from service.notify.signing import HEADER, sign
from service.notify.webhooks import check_url
from service.settings import NotifySettings
from service.storage.port import GraphStore, Row

if TYPE_CHECKING:
    import httpx

DAY_S = 86_400.0


def iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


@dataclass
class Delivered:
    delivered: int = 0
    retrying: int = 0
    failed: int = 0
    cancelled: int = 0
    statuses: list[str] = field(default_factory=list)


def body_of(delivery: Row, notification: Row, site_url: str) -> bytes:
    """The JSON a receiver gets (the bytes signed are the bytes sent)."""
    link = notification.get("link")
    payload = {
        "id": delivery["id"], "type": notification.get("kind"), "createdAt": notification.get("createdAt"),
        "agencyId": delivery.get("agencyId"), "attempt": delivery.get("attempts"),
        "data": {"notificationId": notification.get("id"), "titleFa": notification.get("titleFa"), "titleEn": notification.get("titleEn"),
                 "recordKind": notification.get("recordKind"), "recordId": notification.get("recordId"), "dueDate": notification.get("dueDate"),
                 "link": site_url.rstrip("/") + link if link else None},
    }  # fmt: skip
    return orjson.dumps(payload)


async def enqueue(store: GraphStore, since: str, now: str) -> int:
    rows = await store.write("webhook/enqueue", {"since": since, "now": now})
    return int(rows[0]["queued"]) if rows else 0


async def _post(client: httpx.AsyncClient, cfg: NotifySettings, webhook: Row, delivery: Row, notification: Row) -> tuple[int | None, str | None]:
    """(status code, error): one attempt, the address checked again first."""
    import httpx  # here, not at start-up (see service/notify/sweep.py)

    try:
        url = await check_url(str(webhook["url"]), cfg.webhook_allow_private)
    except ServiceError as exc:
        return None, exc.message_en
    body = body_of(delivery, notification, cfg.site_url)
    headers = {"Content-Type": "application/json", HEADER: sign(str(webhook["secret"]), body), "Hamahang-Event": str(notification.get("kind")),
               "Hamahang-Delivery": str(delivery["id"]), "User-Agent": "Hamahang-Webhooks/1"}  # fmt: skip
    try:
        response = await client.post(url, content=body, headers=headers, timeout=cfg.webhook_timeout_s, follow_redirects=False)
    except httpx.HTTPError as exc:
        return None, f"{type(exc).__name__}: {exc}"[:300]
    return response.status_code, None if response.is_success else f"HTTP {response.status_code}"


async def attempt(store: GraphStore, cfg: NotifySettings, client: httpx.AsyncClient, delivery_id: str, claim_id: str) -> str | None:
    """Claim and try one delivery; its new status, or None when another sweep holds it."""
    now = dt.datetime.now(dt.UTC)
    claim = {"id": delivery_id, "now": iso(now), "staleBefore": iso(now - dt.timedelta(seconds=cfg.claim_timeout_s)), "claimId": claim_id}
    rows = await store.write("webhook/claim", claim)
    if not rows:
        return None
    delivery, webhook, notification = rows[0]["delivery"], rows[0]["webhook"], rows[0]["notification"]
    attempts = int(delivery["attempts"])
    code: int | None = None
    error: str | None
    next_at: str | None
    if not webhook.get("active"):
        status, error, next_at = "cancelled", "the webhook was deactivated", None
    else:
        code, error = await _post(client, cfg, webhook, delivery, notification)
        if error is None:
            status, next_at = "delivered", None
        elif attempts >= cfg.webhook_max_attempts:
            status, next_at = "failed", None
        else:
            wait = min(cfg.webhook_backoff_s * 2 ** (attempts - 1), DAY_S)
            status, next_at = "retrying", iso(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=wait))
    done = iso(dt.datetime.now(dt.UTC))
    line = f"{done} attempt {attempts}: " + (f"HTTP {code}" if code is not None else "no answer") + (f" ({error})" if error and code is None else "")
    await store.write("webhook/record", {
        "id": delivery_id, "claimId": claim_id, "status": status, "nextAttemptAt": next_at, "now": done, "statusCode": code,
        "error": error, "deliveredAt": done if status == "delivered" else None, "logLine": line,
    })  # fmt: skip
    return status


async def deliver_due(store: GraphStore, cfg: NotifySettings, client: httpx.AsyncClient, claim_id: str, limit: int = 200) -> Delivered:
    """Try every delivery whose turn has come (one at a time: a sweep is not a load generator)."""
    now = dt.datetime.now(dt.UTC)
    due = await store.read("webhook/due", {"now": iso(now), "staleBefore": iso(now - dt.timedelta(seconds=cfg.claim_timeout_s)), "limit": limit})
    out = Delivered()
    for row in due:
        status = await attempt(store, cfg, client, str(row["id"]), claim_id)
        if status is not None:
            out.statuses.append(status)
            setattr(out, status, getattr(out, status) + 1)
    return out
