"""Portal sessions: a signed cookie that holds the token's SHA-256, never the token itself.

Why not the raw token: a stolen portal cookie must not double as an API bearer token, and
must expire. The cookie is ``payload.signature`` where the payload carries the token digest,
a random nonce and an expiry, signed with HMAC-SHA256 under a server secret. Every request
looks the digest up again, so a revoked token ends its portal sessions at once. The nonce
also keys the CSRF token that every form carries (``csrf_token``); the sign-in form, which
has no session yet, uses a separate short-lived nonce cookie (double submit, signed).

The secret comes from ``HAMAHANG_PORTAL_SECRET`` when set (several hosts behind one
balancer), else from ``<data_dir>/portal-secret.key`` made once with mode 0600 (every worker
on one host agrees).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

from service.auth.tokens import digest, resolve_digest
from service.domain.actor import Actor
from service.storage.port import GraphStore

SESSION_COOKIE = "hmh_portal"
LOGIN_COOKIE = "hmh_login"
LANG_COOKIE = "hmh_lang"
PATH = "/portal"
SESSION_SECONDS = 8 * 3600
LOGIN_SECONDS = 3600
SECRET_ENV = "HAMAHANG_PORTAL_SECRET"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def load_secret(data_dir: Path) -> bytes:
    """The signing key: from the environment, else a key file created once in the data dir."""
    configured = os.environ.get(SECRET_ENV)
    if configured:
        return configured.encode()
    path = data_dir / "portal-secret.key"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another worker made it first
        return path.read_bytes()
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key


def secret_of(request: Request) -> bytes:
    """The app's key, loaded on first use and kept on app.state."""
    state = request.app.state
    key: bytes | None = getattr(state, "portal_secret", None)
    if key is None:
        key = load_secret(state.settings.data_dir)
        state.portal_secret = key
    return key


def _sign(key: bytes, purpose: str, payload: str) -> str:
    return _b64(hmac.new(key, f"{purpose}|{payload}".encode(), hashlib.sha256).digest())


def seal(key: bytes, purpose: str, data: dict[str, object]) -> str:
    payload = _b64(json.dumps(data, separators=(",", ":")).encode())
    return f"{payload}.{_sign(key, purpose, payload)}"


def unseal(key: bytes, purpose: str, value: str | None) -> dict[str, object] | None:
    """The signed data, or None when the value is missing, forged or expired."""
    if not value or "." not in value:
        return None
    payload, signature = value.rsplit(".", 1)
    if not hmac.compare_digest(signature, _sign(key, purpose, payload)):
        return None
    try:
        data = json.loads(_unb64(payload))
    except ValueError:
        return None
    if not isinstance(data, dict) or float(data.get("e", 0)) < time.time():
        return None
    return data


def new_session(key: bytes, token: str) -> tuple[str, str]:
    """(cookie value, nonce) for a freshly verified token."""
    nonce = secrets.token_urlsafe(16)
    return seal(key, "session", {"d": digest(token), "n": nonce, "e": int(time.time()) + SESSION_SECONDS}), nonce


def csrf_token(key: bytes, nonce: str) -> str:
    """The hidden form field: bound to this session (or sign-in attempt), useless elsewhere."""
    return _sign(key, "csrf", nonce)


def csrf_ok(key: bytes, nonce: str | None, presented: object) -> bool:
    return bool(nonce) and isinstance(presented, str) and hmac.compare_digest(presented, csrf_token(key, str(nonce)))


async def actor_for_digest(store: GraphStore, token_digest: str) -> Actor | None:
    """The live token with this digest (sessions keep only the digest)."""
    return await resolve_digest(store, token_digest)


def set_cookie(request: Request, response: Response, name: str, value: str, max_age: int, path: str = PATH) -> None:
    """HttpOnly, SameSite=Strict, scoped to /portal by default; Secure whenever the page came over HTTPS."""
    response.set_cookie(
        name, value, max_age=max_age, path=path, httponly=True, samesite="strict",
        secure=request.url.scheme == "https",
    )  # fmt: skip


def clear_cookie(response: Response, name: str) -> None:
    response.delete_cookie(name, path=PATH, httponly=True, samesite="strict")
