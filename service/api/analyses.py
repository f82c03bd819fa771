"""Analysis downloads: ``/analyses/{name}.csv|xlsx|json`` (the same results GraphQL serves)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from service.analysis.runner import ANALYSES
from service.api.deps import ActorDep, RuntimeDep, SettingsDep
from service.auth.policy import require_role
from service.domain.actor import Role
from service.errors import ServiceError

router = APIRouter(prefix="/analyses", tags=["analyses"])
MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@router.get("/{name}.{fmt}")
async def download(name: str, fmt: str, runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> Response:
    require_role(actor, Role.DIRECTORATE, Role.ANALYST)
    if name not in ANALYSES or fmt not in MEDIA:
        raise ServiceError(
            "NOT_FOUND", f"use /analyses/<{'|'.join(ANALYSES)}>.<csv|xlsx|json>",
            "چنین تحلیل یا قالبی نیست", status=404,
        )  # fmt: skip
    from service.analysis import export  # numpy, scipy: only when a download is asked for

    result = await ANALYSES[name](runtime.store, settings)
    body: str | bytes = {"csv": export.to_csv, "json": export.to_json, "xlsx": export.to_xlsx}[fmt](result)
    return Response(
        body, media_type=MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="hamahang-{name}.{fmt}"'},
    )  # fmt: skip
