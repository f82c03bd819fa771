"""The app factory: the lifespan owns the store; tests build their own app with their own settings."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from strawberry.fastapi import GraphQLRouter

from service import __version__
from service.api import analyses, health, transfer
from service.api.deps import ActorDep, RuntimeDep, SettingsDep
from service.demo.loader import load_demo_if_empty
from service.errors import ServiceError, from_store
from service.storage.errors import StoreError
from service.graphql.context import Context
from service.graphql.schema import build_schema
from service.settings import Settings
from service.storage.runtime import open_store

log = logging.getLogger(__name__)


async def graphql_context(runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> Context:
    return Context(runtime.store, settings, actor)


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = await open_store(settings)
        app.state.runtime = runtime
        try:
            if settings.load_demo:
                await load_demo_if_empty(runtime.store)
            yield
        finally:
            await runtime.close()

    app = FastAPI(title="Hamahang", version=__version__, lifespan=lifespan)
    app.state.settings = settings
    app.include_router(health.router)
    app.include_router(transfer.router)
    app.include_router(analyses.router)
    graphql = GraphQLRouter(
        build_schema(production=settings.env == "production"),
        context_getter=graphql_context,
        graphql_ide="graphiql" if settings.env != "production" else None,
    )
    app.include_router(graphql, prefix="/graphql")

    @app.exception_handler(ServiceError)
    async def service_error(_: Request, exc: ServiceError) -> JSONResponse:
        return JSONResponse({"error": exc.extensions, "message": exc.message_en}, status_code=exc.status)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        return await service_error(request, from_store(exc))

    return app
