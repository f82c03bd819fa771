"""The HTTP baseline: a tiny FastAPI app serving the suite's reads as plain JSON, doing the same work
as the service so that the ratio is about GraphQL alone.

Same process model as the service (uvicorn, the same workers, the same embedded store, the same
FalkorDB client and pool), the same token check (``service.auth.tokens.resolve`` with the service's
``ActorCache``), the same statements with the same parameters and fields, and the same JSON encoder
(``service.replies``: orjson). None of the service's layers: no GraphQL, no DataLoaders, no policy,
no audit. ``/bare/...`` keeps the hand-written one-statement reads without a token (the rung below).
Run by ``bench/api.py`` and ``bench/wrk.py`` as ``python -m uvicorn bench.plain_app:app`` with
``HAMAHANG_DATA_DIR`` and ``HAMAHANG_GRAPH_NAME`` set.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from bench.common import library
from service.auth.cache import ActorCache
from service.auth.tokens import resolve
from service.registry.clock import new_id, now_iso
from service.replies import JSONReply
from service.storage.embedded import open_embedded
from service.storage.errors import Unavailable
from service.storage.falkor import FalkorStore
from service.text.jalali import parse_date

OPEN = {"submitted", "acknowledged", "in_progress"}


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    server = open_embedded(Path(os.environ["HAMAHANG_DATA_DIR"]))  # attaches to the suite's running server
    store = FalkorStore.connect(
        queries=library(), graph=os.environ["HAMAHANG_GRAPH_NAME"], unix_socket=server.socket,
        host="127.0.0.1", port=server.port or 0, pool_size=int(os.environ.get("HAMAHANG_POOL_SIZE", "16")),
    )  # fmt: skip
    app.state.store = store
    app.state.actors = ActorCache(float(os.environ.get("HAMAHANG_TOKEN_CACHE_S", "30")))  # the service's default
    try:
        yield
    finally:
        await store.close()


app = FastAPI(lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None, default_response_class=JSONReply)


@app.exception_handler(Unavailable)
async def store_unavailable(request: Request, exc: Unavailable) -> JSONResponse:
    """A dead or stalled store is a 503, as the service answers it, not an unexplained 500."""
    return JSONResponse({"error": exc.code, "detail": exc.detail}, status_code=503)


# the page's lists and the fields the GraphQL page document reads, as the service's *_fields statements take them
PAGE_LISTS = (("duties", "duty/by_agency_fields", ["id", "titleFa"]),
              ("capacities", "capacity/by_agency_fields", ["id", "titleFa"]),
              ("requests", "request/received_by_fields", ["id", "status", "subject"]))  # fmt: skip


def _store(request: Request) -> FalkorStore:
    return request.app.state.store  # type: ignore[no-any-return]


async def _check_token(request: Request) -> None:
    """The service's check: the bearer token resolved through the same cache (one store read when cold)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or await resolve(_store(request), token.strip(), request.app.state.actors) is None:
        raise HTTPException(401, "unknown token")


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


async def _agency(request: Request, ident: str) -> dict[str, Any]:
    rows = await _store(request).read("agency/get", {"ids": [ident]})  # the statement GraphQL's agency(id) runs
    if not rows:
        raise HTTPException(404, "no such agency")
    return rows[0]["node"]  # type: ignore[no-any-return]


@app.get("/agency/{ident}")
async def lookup(ident: str, request: Request) -> dict[str, Any]:
    """What ``agency(id) { id nameFa code }`` does: token, ``agency/get``, three fields."""
    await _check_token(request)
    node = await _agency(request, ident)
    return {"id": node["id"], "nameFa": node["nameFa"], "code": node["code"]}


@app.get("/agency/{ident}/page")
async def page(ident: str, request: Request) -> dict[str, Any]:
    """What the GraphQL page does: token, then ``agency/get`` and the three lists' ``*_fields`` statements
    sent together in one round trip (``read_many``, as the compiled page sends them), the same fields."""
    await _check_token(request)
    reads: list[tuple[str, dict[str, Any] | None]] = [("agency/get", {"ids": [ident]})]
    reads += [(name, {"ids": [ident], "includeArchived": False, "fields": fields}) for _, name, fields in PAGE_LISTS]
    found, *lists = await _store(request).read_many(reads)
    if not found:
        raise HTTPException(404, "no such agency")
    node = found[0]["node"]
    out: dict[str, Any] = {"nameFa": node["nameFa"]}
    for (key, _, fields), rows in zip(PAGE_LISTS, lists, strict=True):
        out[key] = [dict(zip(fields, r["values"], strict=True)) for r in rows]
    return out


@app.get("/bare/agency/{ident}")
async def bare_lookup(ident: str, request: Request) -> dict[str, Any]:
    """Hand-written: three fields from one statement, no token."""
    rows = await _store(request).read("bench/lookup", {"id": ident})
    if not rows:
        raise HTTPException(404, "no such agency")
    return rows[0]


@app.get("/bare/agency/{ident}/page")
async def bare_page(ident: str, request: Request) -> dict[str, Any]:
    """Hand-written: the page from one statement, no token."""
    rows = await _store(request).read("bench/page", {"id": ident})
    if not rows:
        raise HTTPException(404, "no such agency")
    return rows[0]


@app.get("/requests")
async def requests(request: Request, status: str = "submitted", skip: int = 0, limit: int = 20) -> dict[str, Any]:
    rows = await _store(request).read("bench/requests_page", {"status": status, "skip": skip, "limit": min(limit, 100)})
    return {"nodes": [r["node"] for r in rows]}


class FileIn(BaseModel):
    senderId: str
    receiverId: str
    aboutId: str | None = None
    subject: str
    body: str | None = None
    dueDate: str | None = None


@app.post("/requests")
async def file_request(data: FileIn, request: Request) -> dict[str, Any]:
    now = now_iso()
    props = {"subject": data.subject, "body": data.body, "status": "submitted", "version": 1, "archived": False,
             "createdAt": now, "updatedAt": now,
             "dueDate": parse_date(data.dueDate).isoformat() if data.dueDate else None}  # fmt: skip
    params = {"id": new_id("rq"), "senderId": data.senderId, "receiverId": data.receiverId, "aboutId": data.aboutId,
              "props": {k: v for k, v in props.items() if v is not None}}  # fmt: skip
    rows = await _store(request).write("bench/file_request", params)
    if not rows:
        raise HTTPException(422, "sender or receiver does not exist")
    return rows[0]
