"""Liveness and readiness: /healthz while the process lives, /readyz only when the store answers."""

from __future__ import annotations

import logging

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from service.api.deps import RuntimeDep
from service.storage.errors import StoreError

log = logging.getLogger(__name__)
router = APIRouter(tags=["health"])
# Anyone may ask /readyz: it says what kind of failure, never the driver's words (addresses, user names).
REASONS = {"STORE_UNAVAILABLE": "store unreachable or not answering"}


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(runtime: RuntimeDep) -> JSONResponse:
    try:
        await runtime.ready()
    except StoreError as exc:
        log.warning("not ready: %s", exc.detail)
        reason = REASONS.get(exc.code, "store error")
        return JSONResponse(
            {"status": "unavailable", "backend": runtime.store.backend, "reason": reason}, status_code=503
        )
    return JSONResponse({"status": "ready", "backend": runtime.store.backend})
