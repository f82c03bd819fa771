"""GET /transparency (the public page) and GET /transparency/{id}.pdf: published reports only, no
sign-in; an unpublished or unknown report is the same 404."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.api.deps import get_runtime
from service.errors import ServiceError
from service.registry.repository import Repository
from service.registry.wg_reports import published_reports
from service.transparency.content import gather
from service.transparency.page import transparency_page

router = APIRouter(include_in_schema=False)


@router.get("/transparency")
async def transparency(request: Request) -> Response:
    repo = Repository(get_runtime(request).store)  # reads only what the statement returns: published reports
    return transparency_page(await gather(repo, await published_reports(repo)))


@router.get("/transparency/{report_id}.pdf")
async def transparency_pdf(request: Request, report_id: str) -> Response:
    repo = Repository(get_runtime(request).store)
    rows = [r for r in await published_reports(repo) if r["id"] == report_id]
    if not rows:
        raise ServiceError("NOT_FOUND", f"no published transparency report {report_id!r}",
                           "چنین گزارش شفافیت منتشرشده‌ای نیست", status=404)  # fmt: skip
    from service.transparency.pdf import report_pdf  # fpdf2 took 1.6 s of import (and numpy with it): loaded by the route

    body = report_pdf((await gather(repo, rows))[0])
    return Response(body, media_type="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{report_id}.pdf"'})  # fmt: skip
