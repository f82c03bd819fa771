"""FastAPI dependencies shared by the routes and by strawberry's context getter."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from service.domain.actor import DEVELOPMENT_ACTOR, Actor
from service.settings import Settings
from service.storage.runtime import StoreRuntime


def get_runtime(request: Request) -> StoreRuntime:
    return request.app.state.runtime  # type: ignore[no-any-return]


def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def get_actor(request: Request) -> Actor:
    """Everyone is the directorate until the Trust issue brings tokens."""
    return DEVELOPMENT_ACTOR


RuntimeDep = Annotated[StoreRuntime, Depends(get_runtime)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
ActorDep = Annotated[Actor, Depends(get_actor)]
