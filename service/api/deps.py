"""FastAPI dependencies shared by the routes and by strawberry's context getter."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends, Request

from service.auth.cache import ActorCache
from service.auth.tokens import resolve
from service.domain.actor import Actor
from service.errors import ServiceError
from service.registry.events import EventHub
from service.settings import Settings
from service.storage.runtime import StoreRuntime


def get_runtime(request: Request) -> StoreRuntime:
    return cast(StoreRuntime, request.app.state.runtime)  # starlette's State holds Any


def get_settings(request: Request) -> Settings:
    return cast(Settings, request.app.state.settings)


def get_actor_cache(request: Request) -> ActorCache | None:
    """The lifespan's token cache (absent in an app run without its lifespan, e.g. a profiler's)."""
    return getattr(request.app.state, "actors", None)


def get_events(request: Request) -> EventHub | None:
    """The lifespan's event hub, for the Repositories a request builds (None without the lifespan)."""
    return getattr(request.app.state, "events", None)


def bearer_token(request: Request) -> str | None:
    """The token of ``Authorization: Bearer <token>``; None without one."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


async def get_actor(request: Request) -> Actor:
    """The actor behind ``Authorization: Bearer <token>``; no token or a revoked one is a 401."""
    header = request.headers.get("authorization", "")
    token = bearer_token(request)
    if not header and getattr(request, "method", None) == "GET":  # a WebSocket has no method  # a browser signed in at /signin reads pages; it never writes
        from service.api.signin import viewer_actor

        viewer = await viewer_actor(request)
        if viewer is not None:
            return viewer
    if token is None:
        raise ServiceError(
            "UNAUTHENTICATED", "send an API token (Authorization: Bearer <token>) or sign in at /signin",
            "توکن دسترسی لازم است (سرآیند Authorization: Bearer)", status=401,
        )  # fmt: skip
    actor = await resolve(get_runtime(request).store, token, get_actor_cache(request))
    if actor is None:
        raise ServiceError("UNAUTHENTICATED", "unknown or revoked token", "توکن نامعتبر یا باطل‌شده است", status=401)
    return actor


RuntimeDep = Annotated[StoreRuntime, Depends(get_runtime)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
ActorDep = Annotated[Actor, Depends(get_actor)]
EventsDep = Annotated[EventHub | None, Depends(get_events)]
