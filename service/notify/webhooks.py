"""Webhook registration: an agency names an http(s) URL and gets a secret, shown once, that signs
every delivery (``signing``). URLs on loopback, private, link-local or otherwise internal addresses
are refused (server-side request forgery: a webhook must not make the service call into its own
network) unless ``HAMAHANG_NOTIFY__WEBHOOK_ALLOW_PRIVATE`` is set, which production refuses. The
address is checked again before every delivery, since a name can resolve elsewhere later.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from service.auth.policy import View
from service.domain.actor import Actor
from service.errors import ServiceError, not_found
from service.notify.signing import new_secret
from service.registry.audit import audit_event
from service.registry.clock import new_id, now_iso
from service.storage.port import GraphStore, Row

MAX_URL = 2000


def bad_url(message_en: str, message_fa: str) -> ServiceError:
    return ServiceError("WEBHOOK_URL_REFUSED", message_en, message_fa, field="url", status=422)


def _internal(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


async def check_url(url: str, allow_private: bool) -> str:
    """The URL if it may receive deliveries, else WEBHOOK_URL_REFUSED saying why (in both languages)."""
    url = url.strip()
    parts = urlsplit(url)
    if len(url) > MAX_URL or parts.scheme not in ("http", "https") or not parts.hostname:
        raise bad_url("a webhook URL is an absolute http:// or https:// address", "نشانی وب‌هوک باید نشانی کامل http:// یا https:// باشد")
    if parts.username or parts.password:
        raise bad_url("a webhook URL may not carry a user name or password", "نشانی وب‌هوک نباید نام کاربری یا گذرواژه داشته باشد")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = await asyncio.get_running_loop().getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError):
        raise bad_url(f"the host {parts.hostname!r} does not resolve", f"نام میزبان «{parts.hostname}» پیدا نشد") from None
    addresses = {str(info[4][0]) for info in infos}
    if not allow_private and any(_internal(a) for a in addresses):
        raise bad_url(
            f"{parts.hostname} resolves to an internal address ({', '.join(sorted(addresses))}); webhooks go to public addresses only",
            f"«{parts.hostname}» به نشانی درونی می‌رسد؛ وب‌هوک فقط به نشانی‌های عمومی فرستاده می‌شود",
        )  # fmt: skip
    return url


def refused_owner() -> ServiceError:
    return ServiceError("FORBIDDEN", "an agency registers webhooks for itself only", "هر دستگاه فقط برای خودش وب‌هوک ثبت می‌کند", status=403)


async def register(store: GraphStore, view: View, actor: Actor, url: str, agency_id: str | None, description: str | None,
                   allow_private: bool) -> tuple[str, Row]:  # fmt: skip
    """A new active webhook and its secret (returned here once; never read back)."""
    own = view.webhook_agency()
    if own is not None and agency_id not in (None, own):
        raise refused_owner()
    target = own or agency_id
    if not target:
        raise ServiceError("VALIDATION", "name the agency the webhook is for", "دستگاهِ این وب‌هوک را مشخص کنید", field="agencyId")
    checked = await check_url(url, allow_private)
    secret, ident, now = new_secret(), new_id("wh"), now_iso()
    props = {"url": checked, "secret": secret, "description": description, "active": True, "createdAt": now, "createdBy": actor.name}
    audit = audit_event(actor, "create", "Webhook", ident, None, {"url": checked, "agencyId": target, "description": description})
    rows = await store.write("webhook/create", {"id": ident, "agencyId": target, "props": {k: v for k, v in props.items() if v is not None},
                                                "audit": audit})  # fmt: skip
    if not rows:
        raise not_found("Agency", target, "agencyId")
    return secret, rows[0]["node"]


async def listing(store: GraphStore, view: View, agency_id: str | None = None) -> list[Row]:
    own = view.webhook_agency()
    if own is not None and agency_id not in (None, own):
        return []  # another agency's webhooks: as if it had none
    return [r["node"] for r in await store.read("webhook/list", {"agencyId": own or agency_id})]


async def readable(store: GraphStore, view: View, webhook_id: str) -> Row:
    """One webhook the reader may manage; another agency's is NOT_FOUND, like a missing one."""
    rows = await store.read("webhook/get", {"ids": [webhook_id]})
    own = view.webhook_agency()
    if not rows or (own is not None and rows[0]["node"].get("agencyId") != own):
        raise not_found("Webhook", webhook_id)
    node: Row = rows[0]["node"]
    return node


async def deactivate(store: GraphStore, view: View, actor: Actor, webhook_id: str) -> Row:
    current = await readable(store, view, webhook_id)
    audit = audit_event(actor, "deactivate", "Webhook", webhook_id, {"active": current.get("active")}, {"active": False})
    rows = await store.write("webhook/deactivate", {"id": webhook_id, "now": now_iso(), "audit": audit})
    return rows[0]["node"] if rows else current


async def deliveries(store: GraphStore, view: View, webhook_id: str, skip: int = 0, limit: int = 50) -> list[Row]:
    await readable(store, view, webhook_id)
    return [r["node"] for r in await store.read("webhook/deliveries", {"webhookId": webhook_id, "skip": skip, "limit": limit})]
