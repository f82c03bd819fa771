"""The app factory: the lifespan owns the store; tests build their own app with their own settings."""

from __future__ import annotations

import asyncio
import gc

# Importing the app builds about 450 classes (GraphQL and pydantic types) that live as long as the
# process; the collector ran 306 times over them meanwhile, 150-270 ms of a 1.7-2.6 s import. So it
# collects nothing until the imports below are done, then they are frozen (later collections skip
# them: gc.freeze) and it collects again, with the thresholds the lifespan sets (service/gc_tuning.py).
_COLLECTING = gc.isenabled()
gc.disable()

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, cast

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import HTTPConnection

from service import __version__
from service.api import agreements as agreement_downloads, analyses, health, ide, signin, transfer
from service.api.deps import bearer_token, get_actor, get_actor_cache, get_events, get_runtime, get_settings
from service.api.import_jobs import ImportJobs
from service.api.limits import BodyLimit
from service.auth.cache import ActorCache
from service.auth.tokens import ensure_development_token
from service.demo.loader import load_demo_if_empty
from service.domain.actor import Actor, Role
from service.errors import ServiceError, from_store
from service.gc_tuning import tune_gc
from service.graphql.context import Context
from service.graphql.endpoint import GraphQLPost
from service.graphql.get_route import AdmittingGraphQLRouter, asks_for_page
from service.graphql.schema import build_schema
from service.interop import router as interop
from service.notify.scheduler import Scheduler
from service.notify.sweep import Sweeper
from service.pictures import agreement_overlay, router as pictures, stakeholder_routes
from service.portal import agreement_form as portal_agreement_form, agreements as portal_agreements, plan_actions as portal_plan_actions
from service.portal.commitments import router as portal_commitments
from service.portal.groups_keep import router as portal_groups  # issue 19: agencies in their working groups (its forms too)
from service.portal.inbox import router as portal_inbox
from service.portal.router import router as portal_router
from service.portal.session import signing_key
from service.registry.events import EventHub
from service.registry.fulltext import backfill_words
from service.replies import JSONReply
from service.settings import Settings
from service.site import errors as site_errors, intake_pages, notifications as notifications_page, plans as site_plans, router as site
from service.storage.errors import StoreError
from service.storage.runtime import StoreRuntime, open_store
from service.transparency.router import router as transparency_router  # issue 19: the public reports

if TYPE_CHECKING:  # serve's early start is made before the app is imported, never by it
    from service.early_start import EarlyStart

log = logging.getLogger(__name__)
PAGE_ONLY = Actor(name="graphiql-page", role=Role.ANALYST)  # never executes: the page request carries no query


async def graphql_context(connection: HTTPConnection) -> Context:
    """Every operation needs a token; only the GraphiQL page itself (GET, HTML, no query) does not.
    Takes the request alone: each extra FastAPI dependency cost measurable time per request. A
    subscription's WebSocket comes here too (hence HTTPConnection): its token is in the handshake's
    Authorization header, read the same way."""
    request = cast(Request, connection)  # the helpers read only headers, app state and (HTTP) the method
    runtime, settings = get_runtime(request), get_settings(request)
    if asks_for_page(getattr(request, "method", None), request.headers.get("accept", ""), request.query_params):
        return Context(runtime.store, settings, PAGE_ONLY)
    actor = await get_actor(request)
    # a WebSocket's token is resolved again before each event (service.graphql.websocket): a revocation ends it
    token = bearer_token(request) if connection.scope["type"] == "websocket" else None
    return Context(runtime.store, settings, actor, get_actor_cache(request), get_events(request), token)


async def announce_development_token(runtime: StoreRuntime, settings: Settings) -> None:
    """Development only: make a directorate token once, print it and keep it in the data dir."""
    try:
        token = await ensure_development_token(runtime.store)
    except StoreError as exc:
        log.warning("no development token (store not ready): %s", exc.detail)
        return
    if token:
        path = settings.data_dir / "development-token.txt"
        path.write_text(token + "\n", encoding="utf-8")
        path.chmod(0o600)
        print(f"\n  Development directorate token (also in {path}):\n  {token}\n", flush=True)


async def backfill_search_words(runtime: StoreRuntime) -> None:
    """Records stored before the full-text index get their ``words`` (a no-op once done)."""
    try:
        filled = await backfill_words(runtime.store)
    except StoreError as exc:
        log.warning("full-text words not backfilled (store not ready): %s", exc.detail)
        return
    if filled:
        log.info("gave %d stored records their full-text words", filled)


def create_app(settings: Settings, early: EarlyStart | None = None) -> FastAPI:
    """``early``: the store ``serve`` started while it imported the app (and on a first start, the
    child loading the demo into it meanwhile)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        tune_gc()  # analyses inside requests: the collector's defaults cost a city's duplication about 1 s
        loaded = early is not None and await asyncio.to_thread(early.demo_loaded)
        runtime = await open_store(settings, server=await early.store() if early is not None else None)
        app.state.runtime = runtime
        app.state.actors = ActorCache(settings.token_cache_s)
        app.state.import_jobs = jobs = ImportJobs()
        app.state.events = events = EventHub()  # subscriptions' fan-out: Repository.publish tells it
        try:
            await backfill_search_words(runtime)
            if settings.load_demo and not loaded:
                await load_demo_if_empty(runtime.store)
            if settings.env == "development":
                await announce_development_token(runtime, settings)
            app.state.sweeper = sweeper = Sweeper(runtime.store, settings)
            app.state.scheduler = scheduler = Scheduler(sweeper, settings.notify.sweep_interval_s, events)
            if settings.notify.scheduled(settings.env):
                scheduler.start()
            yield
        finally:
            if (running := getattr(app.state, "scheduler", None)) is not None:
                await running.stop()
            events.close()
            await jobs.close()
            await runtime.close()

    production = settings.env == "production"
    app = FastAPI(
        title="Hamahang", version=__version__, lifespan=lifespan, default_response_class=JSONReply,
        docs_url=None, redoc_url=None, openapi_url=None if production else "/openapi.json",
    )  # fmt: skip
    app.state.settings = settings
    app.state.portal_secret = signing_key(settings)  # production without HAMAHANG_PORTAL_SECRET stops here
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes, upload_limit=settings.max_upload_bytes)
    schema = build_schema(settings)
    # first: routes are matched in order, and these are the busiest
    graphql_post = GraphQLPost(schema, graphql_context, count_queries=not production,
                               max_rows=settings.graphql_max_rows, default_first=settings.default_page_size,
                               max_tokens=settings.graphql_max_tokens)  # fmt: skip
    app.router.add_route("/graphql", graphql_post.handle, methods=["POST"])
    graphql = AdmittingGraphQLRouter(schema, context_getter=graphql_context, graphql_ide=None if production else "graphiql",
                                     admission=graphql_post.admitted,  # GET: persisted queries and the cost limit too
                                     max_subscriptions_per_connection=settings.ws_max_subscriptions,
                                     max_tokens=settings.graphql_max_tokens)  # fmt: skip
    graphql.routes = [r for r in graphql.routes if "POST" not in getattr(r, "methods", ())]  # served above
    app.include_router(graphql, prefix="/graphql")
    app.mount("/static", StaticFiles(packages=[("service", "static")]), name="static")
    if not production:
        app.include_router(ide.docs_router("/openapi.json"))
    app.include_router(portal_plan_actions.router)  # coordination plans (issue #18.1): an agency's actions
    app.include_router(agreement_downloads.router)  # agreements' downloads (branch agree)
    app.include_router(portal_agreements.router)  # the portal's agreement pages (branch agree)
    app.include_router(portal_agreement_form.router)
    app.include_router(agreement_overlay.router)  # agreements over the registry graph (branch agree)
    app.include_router(portal_groups)  # before /portal/{kind}/new and the like
    app.include_router(portal_router)
    app.include_router(portal_inbox)
    app.include_router(portal_commitments)  # commitments to stakeholders (#19.3)
    app.include_router(health.router)
    app.include_router(signin.router)
    app.include_router(transfer.router)
    app.include_router(analyses.router)
    app.include_router(pictures.router)
    app.include_router(stakeholder_routes.router)  # the stakeholder grid (#19.3)
    app.include_router(site.router)
    app.include_router(site_plans.router)  # coordination plans (issue #18.1): /plans, /plans/{id}
    app.include_router(interop.router)
    app.include_router(notifications_page.router)
    app.include_router(transparency_router)
    app.include_router(intake_pages.router)  # issue 19 items 2 and 5: /intake, /catalogue

    @app.exception_handler(ServiceError)
    async def service_error(request: Request, exc: ServiceError) -> Response:
        if site_errors.wants_page(request):  # a person's browser: /signin for a 401, else a Persian page
            return site_errors.error_page(request, exc.status, exc.message_fa, exc.message_en)
        if request.url.path.startswith("/graphql"):  # GraphQL clients get their own error shape
            body = {"data": None, "errors": [{"message": exc.message_en, "extensions": exc.extensions}]}
            return JSONReply(body, status_code=exc.status)
        return JSONReply({"error": exc.extensions, "message": exc.message_en}, status_code=exc.status)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return await service_error(request, from_store(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if site_errors.wants_page(request):
            fa = {404: "این نشانی در هماهنگ نیست.", 405: "این نشانی این کار را نمی‌پذیرد."}.get(exc.status_code, "خطا")
            return site_errors.error_page(request, exc.status_code, fa, str(exc.detail))
        return await http_exception_handler(request, exc)

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError) -> Response:
        if site_errors.wants_page(request):  # e.g. /graph/agency/x?hops=9 typed into the address bar
            fields = "، ".join(str(e.get("loc", ["?"])[-1]) for e in exc.errors())
            return site_errors.error_page(request, 422, f"نشانی پارامتر نادرستی دارد: {fields}", "invalid parameters: " + fields)
        return await request_validation_exception_handler(request, exc)

    return app


gc.freeze()
if _COLLECTING:
    gc.enable()
