"""Liveness and readiness: /healthz while the process lives, /readyz only when the store answers."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from service.api.deps import RuntimeDep
from service.storage.errors import StoreError

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(runtime: RuntimeDep) -> JSONResponse:
    try:
        await runtime.ready()
    except StoreError as exc:
        return JSONResponse(
            {"status": "unavailable", "backend": runtime.store.backend, "reason": exc.detail}, status_code=503
        )
    return JSONResponse({"status": "ready", "backend": runtime.store.backend})
