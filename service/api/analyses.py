"""Analysis downloads: ``/analyses/{name}.csv|xlsx|json`` (the same results GraphQL serves)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response, StreamingResponse

from service.analysis.runner import ANALYSES
from service.api.deps import ActorDep, EventsDep, RuntimeDep, SettingsDep
from service.auth.policy import require_role
from service.domain.actor import Role
from service.errors import ServiceError
from service.registry.repository import Repository

router = APIRouter(prefix="/analyses", tags=["analyses"])
MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@router.get("/{name}.{fmt}")
async def download(name: str, fmt: str, runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep,
                   events: EventsDep) -> Response:  # fmt: skip
    require_role(actor, Role.DIRECTORATE, Role.ANALYST)
    if name not in ANALYSES or fmt not in MEDIA:
        raise ServiceError(
            "NOT_FOUND", f"use /analyses/<{'|'.join(ANALYSES)}>.<csv|xlsx|json>",
            "چنین تحلیل یا قالبی نیست", status=404,
        )  # fmt: skip
    from service.analysis import export  # numpy, scipy: only when a download is asked for

    result = await ANALYSES[name](Repository(runtime.store, actor, settings.shared_with_agencies, events), settings)
    headers = {"Content-Disposition": f'attachment; filename="hamahang-{name}.{fmt}"'}
    if fmt == "json":  # sent as it is written (about 20 MB for the city's duplication), not built whole first
        return StreamingResponse(export.json_chunks(result), media_type=MEDIA[fmt], headers=headers)
    body: str | bytes = export.WRITERS[fmt](result)
    return Response(body, media_type=MEDIA[fmt], headers=headers)
