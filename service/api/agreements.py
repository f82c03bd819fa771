"""Agreement downloads, through the reader's view (an agency gets only the agreements it is party to):

- ``/interop/agreements.ocds``: an OCDS 1.1 release package, one release per agreement;
- ``/registry/agreements.csv`` (one row per agreement), ``/registry/agreement-totals.csv`` (concluded
  agreements per kind and Jalali year, seed 004's figures) and ``/registry/agreements.xlsx`` (both,
  a sheet each). Every cell goes through ``service/io/cells.py``.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.api.deps import ActorDep, RuntimeDep, SettingsDep
from service.domain.agreement import STATUS_FA
from service.interop import ocds_agreements
from service.io import cells
from service.registry.agreement_steps import load_steps
from service.registry.agreement_totals import agreement_totals
from service.registry.repository import Repository
from service.registry.specs import AGENCY, AGREEMENT
from service.text.jalali import jalali_year, to_jalali

router = APIRouter(tags=["agreements"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KIND_FA = {"financial": "مالی", "service": "خدمت", "infrastructure": "زیرساخت", "knowledge_based_contract": "قرارداد با شرکت دانش‌بنیان",
           "innovative_contract": "قرارداد نوآورانه"}  # fmt: skip
LIST_COLUMNS = ("id", "titleFa", "kind", "kindFa", "status", "statusFa", "providers", "receivers", "valueRials", "periodFrom",
                "periodTo", "signedOn", "jalaliYear", "contractRef", "actionId", "opportunityKey")  # fmt: skip
TOTAL_COLUMNS = ("kind", "kindFa", "jalaliYear", "count", "valueRials")


async def _agreements(repo: Repository) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    rows = await repo.page(AGREEMENT, filters={}, include_archived=False, limit=10**6)
    party_ids = sorted({a for r in rows for a in (*r["providerIds"], *r["receiverIds"])})
    return rows, await repo.get_many(AGENCY, party_ids) if party_ids else {}


def _list_rows(rows: list[dict[str, Any]], agencies: dict[str, dict[str, Any]]) -> list[list[Any]]:
    def names(ids: list[str]) -> str:
        return "، ".join(agencies[i]["nameFa"] if i in agencies else i for i in ids)

    out = []
    for r in rows:
        day = r.get("signedOn") or r.get("periodFrom")
        out.append([r["id"], r["titleFa"], r["kind"], KIND_FA[r["kind"]], r["status"], STATUS_FA[r["status"]], names(r["providerIds"]),
                    names(r["receiverIds"]), r.get("valueRials"), to_jalali(r.get("periodFrom")), to_jalali(r.get("periodTo")),
                    to_jalali(r.get("signedOn")), jalali_year(day),
                    r.get("contractRef"), r.get("actionId"), r.get("opportunityKey")])  # fmt: skip
    return out


def _total_rows(totals: list[dict[str, Any]]) -> list[list[Any]]:
    return [[t["kind"], KIND_FA[t["kind"]], t["jalaliYear"], t["count"], t["valueRials"]] for t in totals]


def _csv(columns: tuple[str, ...], rows: list[list[Any]]) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows(cells.row(r) for r in rows)
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8")


def _repo(runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> Repository:
    return Repository(runtime.store, actor, settings.shared_with_agencies)


@router.get("/registry/agreements.csv")
async def agreements_csv(runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> Response:
    return _csv(LIST_COLUMNS, _list_rows(*await _agreements(_repo(runtime, settings, actor))))


@router.get("/registry/agreement-totals.csv")
async def totals_csv(runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> Response:
    return _csv(TOTAL_COLUMNS, _total_rows(await agreement_totals(_repo(runtime, settings, actor))))


@router.get("/registry/agreements.xlsx")
async def agreements_xlsx(runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> Response:
    from openpyxl import Workbook

    repo = _repo(runtime, settings, actor)
    book = Workbook()
    book.remove(book.worksheets[0])
    for name, columns, rows in (("agreements", LIST_COLUMNS, _list_rows(*await _agreements(repo))),
                                ("totals", TOTAL_COLUMNS, _total_rows(await agreement_totals(repo)))):  # fmt: skip
        sheet = book.create_sheet(name)
        sheet.sheet_view.rightToLeft = True
        sheet.append(list(columns))
        for row in rows:
            sheet.append(cells.row(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return Response(buffer.getvalue(), media_type=XLSX, headers={"Content-Disposition": 'attachment; filename="hamahang-agreements.xlsx"'})


@router.get("/interop/agreements.ocds")
async def agreements_ocds(request: Request, runtime: RuntimeDep, settings: SettingsDep, actor: ActorDep) -> Response:
    repo = _repo(runtime, settings, actor)
    rows, agencies = await _agreements(repo)
    steps = await load_steps(repo, [r["id"] for r in rows]) if rows else {}
    body = ocds_agreements.to_json(ocds_agreements.agreements_package(rows, steps, agencies, uri=str(request.url)))
    return Response(body, media_type="application/json; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="hamahang-agreements-ocds.json"'})  # fmt: skip
