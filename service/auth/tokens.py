"""API tokens: random, shown once, kept in the graph only as a SHA-256 hash."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from service.auth.cache import ActorCache
from service.domain.actor import Actor, Role
from service.errors import ServiceError, not_found
from service.registry.audit import audit_event
from service.registry.clock import new_id, now_iso
from service.registry.repository import Repository
from service.registry.specs import AGENCY
from service.storage.port import GraphStore

PREFIX = "hmh_"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create_token(store: GraphStore, role: Role, agency_id: str | None, name: str,
                       actor: Actor | None = None) -> tuple[str, dict[str, Any]]:  # fmt: skip
    """Make a token; returns (the token, shown this once; its stored record)."""
    if role == Role.AGENCY and not agency_id:
        raise ServiceError("VALIDATION", "an agency token needs an agency", "توکنِ دستگاه باید به یک دستگاه وصل باشد",
                           field="agencyId")  # fmt: skip
    if role != Role.AGENCY and agency_id:
        raise ServiceError("VALIDATION", "only agency tokens belong to an agency", "فقط توکنِ دستگاه به دستگاه وصل است",
                           field="agencyId")  # fmt: skip
    if agency_id:
        await Repository(store).get(AGENCY, agency_id, field="agencyId")
    token = PREFIX + secrets.token_urlsafe(32)
    ident = new_id("tk")
    props = {"hash": digest(token), "role": role.value, "agencyId": agency_id, "name": name, "createdAt": now_iso()}
    props = {k: v for k, v in props.items() if v is not None}
    audit = audit_event(actor, "token_create", "ApiToken", ident, None, {k: v for k, v in props.items() if k != "hash"})
    rows = await store.write("token/create", {"id": ident, "props": props, "audit": audit})
    return token, rows[0]["node"]


async def list_tokens(store: GraphStore) -> list[dict[str, Any]]:
    return [r["node"] for r in await store.read("token/list")]


async def revoke_token(store: GraphStore, ident: str, actor: Actor | None = None,
                       cache: ActorCache | None = None) -> dict[str, Any]:  # fmt: skip
    """Revoke a token; ``cache`` (this process's) forgets every actor so the revocation bites at once."""
    audit = audit_event(actor, "token_revoke", "ApiToken", ident, {"revokedAt": None}, {"revokedAt": "now"})
    rows = await store.write("token/revoke", {"id": ident, "now": now_iso(), "audit": audit})
    if cache is not None:
        cache.forget_all()
    if not rows:
        raise not_found("ApiToken", ident)
    node: dict[str, Any] = rows[0]["node"]
    return node


async def resolve(store: GraphStore, token: str, cache: ActorCache | None = None) -> Actor | None:
    """The actor a presented token stands for, or None for an unknown or revoked one."""
    if not token.startswith(PREFIX):
        return None
    token_digest = digest(token)
    if cache is not None and (known := cache.get(token_digest)) is not None:
        return known
    actor = await resolve_digest(store, token_digest)
    if cache is not None and actor is not None:
        cache.put(token_digest, actor)
    return actor


async def resolve_digest(store: GraphStore, token_digest: str) -> Actor | None:
    """The same, from the token's digest (what a browser session keeps instead of the token)."""
    rows = await store.read("token/find", {"hash": token_digest})
    if not rows:
        return None
    node = rows[0]["node"]
    return Actor(name=node.get("name") or node["id"], role=Role(node["role"]), agency_id=node.get("agencyId"),
                 token_id=node["id"])  # fmt: skip


async def ensure_development_token(store: GraphStore) -> str | None:
    """In development, make one directorate token when none exists; returns it (else None)."""
    rows = await store.read("token/count")
    if rows and int(rows[0]["total"]) > 0:
        return None
    token, _ = await create_token(store, Role.DIRECTORATE, None, "development")
    return token
