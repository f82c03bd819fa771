"""The HTTP baseline: a tiny FastAPI app serving the suite's hand-written queries as plain JSON.

Same process model as the service (uvicorn, one worker, the same embedded store, the same FalkorDB
client and pool), none of the service's layers: no GraphQL, no DataLoaders, no policy, no audit.
``/auth/...`` does the one thing the service does on every request besides the query, the token
look-up (``token/find``), so the two can be told apart. Run by ``bench/api.py`` as
``python -m uvicorn bench.plain_app:app`` with ``HAMAHANG_DATA_DIR`` and ``HAMAHANG_GRAPH_NAME`` set.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from pydantic import BaseModel

from bench.common import library
from service.auth.tokens import digest
from service.registry.clock import new_id, now_iso
from service.storage.embedded import open_embedded
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
    try:
        yield
    finally:
        await store.close()


app = FastAPI(lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)


def _store(request: Request) -> FalkorStore:
    return request.app.state.store  # type: ignore[no-any-return]


async def _check_token(request: Request) -> None:
    token = request.headers.get("authorization", "").partition(" ")[2].strip()
    if not token or not await _store(request).read("token/find", {"hash": digest(token)}):
        raise HTTPException(401, "unknown token")


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/agency/{ident}")
async def lookup(ident: str, request: Request) -> dict[str, Any]:
    rows = await _store(request).read("bench/lookup", {"id": ident})
    if not rows:
        raise HTTPException(404, "no such agency")
    return rows[0]


@app.get("/auth/agency/{ident}")
async def lookup_with_token(ident: str, request: Request) -> dict[str, Any]:
    await _check_token(request)
    return await lookup(ident, request)


@app.get("/agency/{ident}/page")
async def page(ident: str, request: Request) -> dict[str, Any]:
    """The agency page: its duties, capacities and the requests addressed to it (the client keeps the open ones)."""
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
