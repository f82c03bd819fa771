"""HTTP: a download per format with the graph pages' filters, an import for the directorate, catalogues."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response

from service.analysis.snapshot import load_snapshot
from service.api.deps import ActorDep, RuntimeDep, SettingsDep
from service.auth.policy import require_role
from service.domain.actor import Role
from service.domain.enums import AgencyKind
from service.errors import ServiceError
from service.interop.catalogue import agency_catalogue, catalogue_index
from service.interop.exports import FORMATS, IMPORTABLE, guess_format, import_format, render
from service.interop.loader import Bundle, filter_bundle, load_bundle
from service.interop.meetings import with_meetings

router = APIRouter(prefix="/interop", tags=["interoperability"])
MAX_UPLOAD = 50 * 1024 * 1024


class ExportFormat(str, Enum):
    GRAPHML = "graphml"
    GEXF = "gexf"
    FTM = "ftm"
    OCDS = "ocds"
    POPOLO = "popolo"


def _no_agency(agency_id: str) -> ServiceError:
    message = f"agency {agency_id!r} does not exist"
    return ServiceError("NOT_FOUND", message, "این دستگاه پیدا نشد", status=404)


@router.get("/export.{fmt}")
async def export(
    fmt: ExportFormat,
    request: Request,
    runtime: RuntimeDep,
    actor: ActorDep,
    agency: str | None = None,
    kind: AgencyKind | None = None,
    function: Annotated[str | None, Query(max_length=5)] = None,
    exchange_kind: Annotated[str | None, Query(pattern="^(financial|service|infrastructure)$")] = None,
    year_from: Annotated[int | None, Query(ge=1300, le=1500)] = None,
    year_to: Annotated[int | None, Query(ge=1300, le=1500)] = None,
    include_archived: bool = True,
) -> Response:
    """The registry (or the view the graph page's filters select) as graphml, gexf, ftm, ocds or popolo."""
    require_role(actor, Role.DIRECTORATE, Role.ANALYST)
    bundle = await load_bundle(runtime.store, include_archived)
    if agency and agency not in {a["id"] for a in bundle["agencies"]}:
        raise _no_agency(agency)
    view = filter_bundle(bundle, agency or None, kind.value if kind else None, function or None,
                         exchange_kind or None, year_from, year_to)  # fmt: skip
    name = fmt.value
    if name == "popolo":  # Popolo's events: the working groups' meetings (issue 19)
        view = await with_meetings(runtime.store, view)
    options = {"uri": str(request.url)} if name == "ocds" else {}
    body = render(view, name, **options)
    spec = FORMATS[name]
    return Response(body, media_type=f"{spec.media_type}; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{spec.filename}"'})  # fmt: skip


@router.post("/import")
async def import_file(
    runtime: RuntimeDep,
    actor: ActorDep,
    file: UploadFile = File(..., description=".graphml/.gexf written by this registry, or FtM entities (JSON lines)"),
    format: Annotated[str | None, Query(pattern="^(graphml|gexf|ftm)$", description="if the name does not say")] = None,
) -> JSONResponse:
    """All records or none, validated like every import; 422 lists each problem."""
    require_role(actor, Role.DIRECTORATE)
    fmt = format or guess_format(file.filename or "")
    if fmt not in IMPORTABLE:
        return JSONResponse({"imported": False, "error": "name the format: ?format=graphml|gexf|ftm"}, status_code=415)
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        return JSONResponse({"imported": False, "error": "file larger than 50 MB"}, status_code=413)
    prepared = await import_format(runtime.store, fmt, data, actor)
    if prepared.problems:
        return JSONResponse({"imported": False, "problems": [p.as_dict() for p in prepared.problems]}, status_code=422)
    return JSONResponse({"imported": True, "format": fmt, "counts": prepared.counts})


async def _catalogue_bundle(runtime: RuntimeDep) -> Bundle:
    """Only what a catalogue shows (live agencies, duties, capacities): three reads, no private records."""
    snap = await load_snapshot(runtime.store, ("agency", "duty", "capacity"))
    return {"agencies": snap["agency"], "duties": snap["duty"], "capacities": snap["capacity"]}


def _may_read_catalogue(actor: ActorDep, settings: SettingsDep, agency_id: str | None) -> None:
    """Catalogues list shared kinds only; where an agency may not see those, it sees its own."""
    if actor.role != Role.AGENCY or {"duty", "capacity"} <= settings.shared_with_agencies:
        return
    if agency_id is None or actor.agency_id != agency_id:
        require_role(actor, Role.DIRECTORATE, Role.ANALYST)


@router.get("/catalogue.json")
async def catalogues(runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> JSONResponse:
    """Every agency with the size of its catalogue and where to read it."""
    _may_read_catalogue(actor, settings, None)
    return JSONResponse(catalogue_index(await _catalogue_bundle(runtime)))


@router.get("/catalogue/{agency_id}.json")
async def catalogue(agency_id: str, runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> JSONResponse:
    """One agency's services (capacities) and the duties it serves others with."""
    _may_read_catalogue(actor, settings, agency_id)
    found = agency_catalogue(await _catalogue_bundle(runtime), agency_id)
    if found is None:
        raise _no_agency(agency_id)
    return JSONResponse(found)
