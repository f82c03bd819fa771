"""Browser sessions: signed cookies that hold the token's SHA-256, never the token itself.

Why not the raw token: a stolen cookie must not double as an API bearer token, and must
expire. A cookie is signed and time-stamped by ``itsdangerous`` (URLSafeTimedSerializer,
HMAC-SHA256) with one salt per purpose, so a cookie made for one purpose is refused by every
other: the agency portal's session (``portal``), the analysts' viewer session for the picture
pages (``viewer``, service/api/signin.py) and the portal's sign-in nonce (``login``). It carries
the token digest and a random nonce. Every request looks the digest up again, so a revoked token
ends its sessions at once. The nonce also keys the CSRF token that every form carries
(``csrf_token``); the sign-in form, which has no session yet, uses the ``login`` cookie's nonce
(double submit, signed).

The key is ``Settings.portal_secret`` (``HAMAHANG_PORTAL_SECRET``), read once when the app is
made. Production refuses to start without it (32 characters or more, the same on every host
behind the balancer). Development and tests make one per data dir (``portal-secret.key``,
mode 0600) rather than per process: every worker on the host agrees, and a restart (or a
``--reload``) does not sign everyone out.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path
from typing import Any

from itsdangerous import BadSignature, Signer, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response

from service.auth.tokens import digest, resolve_digest
from service.domain.actor import Actor
from service.errors import ServiceError
from service.settings import Settings
from service.storage.port import GraphStore

SESSION_COOKIE = "hmh_portal"
LOGIN_COOKIE = "hmh_login"
LANG_COOKIE = "hmh_lang"
PATH = "/portal"
SESSION_SECONDS = 8 * 3600
LOGIN_SECONDS = 3600
MIN_SECRET_CHARS = 32

PORTAL = "portal"  # an agency's portal session (/portal)
VIEWER = "viewer"  # a directorate or analyst browser on the picture pages (/signin)
LOGIN = "login"  # the portal sign-in form's nonce
MAX_AGE = {PORTAL: SESSION_SECONDS, VIEWER: SESSION_SECONDS, LOGIN: LOGIN_SECONDS}


def _key_file(data_dir: Path) -> bytes:
    """Development and tests: a key made once in the data dir (0600), shared by its workers."""
    path = data_dir / "portal-secret.key"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another worker made it first
        return path.read_bytes()
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key


def signing_key(settings: Settings) -> bytes:
    """The cookies' key; production without ``HAMAHANG_PORTAL_SECRET`` (or with a short one) is refused."""
    configured = configured_secret(settings)
    if configured:
        return configured.encode()
    return _key_file(settings.data_dir)


def configured_secret(settings: Settings) -> str:
    """``HAMAHANG_PORTAL_SECRET`` ("" when unset); refused in production when unset or short. Checked
    by ``serve`` before it starts anything, and by ``create_app``."""
    configured = settings.portal_secret.get_secret_value() if settings.portal_secret is not None else ""
    if settings.env == "production" and len(configured) < MIN_SECRET_CHARS:
        problem = "is not set" if not configured else f"is shorter than {MIN_SECRET_CHARS} characters"
        raise ServiceError(
            "CONFIGURATION",
            f"HAMAHANG_PORTAL_SECRET {problem}: production signs browser sessions with it. Set it to "
            f"{MIN_SECRET_CHARS} or more random characters, the same on every host (e.g. the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`)",
            "HAMAHANG_PORTAL_SECRET تنظیم نشده یا کوتاه است: در محیط عملیاتی نشست‌های مرورگر با آن امضا "
            f"می‌شوند. آن را دست‌کم {MIN_SECRET_CHARS} نویسهٔ تصادفی بگذارید، در همهٔ میزبان‌ها یکسان",
            status=500,
        )
    return configured


def secret_of(request: Request) -> bytes:
    """The app's key (``create_app`` puts it on app.state)."""
    key: bytes = request.app.state.portal_secret
    return key


def _serializer(key: bytes, purpose: str) -> URLSafeTimedSerializer:
    if purpose not in MAX_AGE:
        raise ValueError(f"unknown cookie purpose {purpose!r}")
    return URLSafeTimedSerializer(key, salt=f"hamahang.{purpose}", signer_kwargs={"digest_method": hashlib.sha256})


def seal(key: bytes, purpose: str, data: dict[str, object]) -> str:
    return _serializer(key, purpose).dumps(data)


def unseal(key: bytes, purpose: str, value: str | None) -> dict[str, Any] | None:
    """The signed data, or None when the value is missing, forged, made for another purpose or expired."""
    if not value:
        return None
    try:
        data = _serializer(key, purpose).loads(value, max_age=MAX_AGE[purpose])
    except BadSignature:  # SignatureExpired is one too
        return None
    return data if isinstance(data, dict) else None


def new_session(key: bytes, token: str, purpose: str) -> tuple[str, str]:
    """(cookie value, nonce) for a freshly verified token."""
    nonce = secrets.token_urlsafe(16)
    return seal(key, purpose, {"d": digest(token), "n": nonce}), nonce


def csrf_token(key: bytes, nonce: str) -> str:
    """The hidden form field: bound to this session (or sign-in attempt), useless elsewhere."""
    return Signer(key, salt="hamahang.csrf", digest_method=hashlib.sha256).get_signature(nonce).decode()


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
