"""Downloads and uploads of the whole registry: JSON and XLSX export, template, bulk import."""

from __future__ import annotations

import json
from typing import cast

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response

from service.api.deps import ActorDep, RuntimeDep, SettingsDep
from service.api.import_jobs import ImportJobs
from service.auth.policy import require_role
from service.domain.actor import Role
from service.registry.bundle import export_bundle, import_bundle

router = APIRouter(prefix="/registry", tags=["import and export"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD = 50 * 1024 * 1024


@router.get("/export.json")
async def export_json(runtime: RuntimeDep, actor: ActorDep) -> Response:
    require_role(actor, Role.DIRECTORATE, Role.ANALYST)
    bundle = await export_bundle(runtime.store)
    return Response(
        json.dumps(bundle, ensure_ascii=False, indent=1),
        media_type="application/json; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="hamahang-registry.json"'},
    )


@router.get("/export.xlsx")
async def export_xlsx(runtime: RuntimeDep, actor: ActorDep) -> Response:
    require_role(actor, Role.DIRECTORATE, Role.ANALYST)
    from service.io.workbook import bundle_to_xlsx  # openpyxl: imported only for workbooks

    bundle = await export_bundle(runtime.store)
    return Response(
        bundle_to_xlsx(bundle), media_type=XLSX,
        headers={"Content-Disposition": 'attachment; filename="hamahang-registry.xlsx"'},
    )  # fmt: skip


@router.get("/template.xlsx")
async def template(_: ActorDep) -> Response:
    """An empty workbook with every sheet's columns and a Persian guide."""
    from service.io.workbook import bundle_to_xlsx

    return Response(
        bundle_to_xlsx({}, guide=True), media_type=XLSX,
        headers={"Content-Disposition": 'attachment; filename="hamahang-template.xlsx"'},
    )  # fmt: skip


@router.post("/import")
async def import_file(
    request: Request,
    runtime: RuntimeDep,
    settings: SettingsDep,
    actor: ActorDep,
    file: UploadFile = File(..., description=".xlsx (a sheet per entity), .csv (named after its sheet) or .json"),
    sheet: str | None = Query(None, description="For CSV: which sheet the rows belong to"),
    background: bool = Query(False, description="answer 202 at once; follow GET /registry/import/jobs/{id}"),
) -> JSONResponse:
    """All rows or none: a report of every bad row (sheet, row, column, reason) otherwise.

    The file is read in a child process (``service.io.offload``), within ``Settings.import_max_*`` (rows,
    cells, unzipped bytes, seconds), and checked on a worker thread: a 100k-row workbook read on the
    event loop stalled /healthz for 12 s. With ``background=true`` the answer is a job to follow
    (``service.api.import_jobs``): its phase, rows read, checked and written, and at the end this
    route's own answer."""
    from service.io.offload import read_upload  # openpyxl: imported only for imports
    from service.io.workbook import ImportLimits

    require_role(actor, Role.DIRECTORATE)
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        return JSONResponse({"imported": False, "error": "file larger than 50 MB"}, status_code=413)
    limits = ImportLimits.from_settings(settings)
    if background:
        job = _jobs(request).start(runtime.store, actor, file.filename or "upload.json", data, sheet, limits)
        location = f"/registry/import/jobs/{job.id}"
        return JSONResponse({**job.as_dict(), "location": location}, status_code=202, headers={"Location": location})
    bundle = await read_upload(file.filename or "upload.json", data, sheet, limits)
    prepared = await import_bundle(runtime.store, bundle, actor, limits=limits)
    if prepared.problems:
        return JSONResponse(
            {"imported": False, "problems": [p.as_dict() for p in prepared.problems]}, status_code=422
        )
    return JSONResponse({"imported": True, "counts": prepared.counts})


@router.get("/import/jobs/{job_id}")
async def import_job(request: Request, job_id: str, actor: ActorDep) -> JSONResponse:
    """A background import: phase (reading, checking, writing, done, failed, in English and Persian),
    rows read, checked and written, and once finished ``status`` and ``result``, the synchronous
    import's answer. Only the token that started it sees it (NOT_FOUND for anyone else)."""
    return JSONResponse(_jobs(request).get(job_id, actor).as_dict())


def _jobs(request: Request) -> ImportJobs:
    return cast(ImportJobs, request.app.state.import_jobs)
