"""Bundles to and from XLSX (one sheet per entity) and CSV (one entity per file).

Lists are written as ``a; b; c``, members as ``agencyId:role``, request histories as JSON,
so a person can edit the workbook in a spreadsheet and import it back.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import PurePath
from typing import Any, get_args, get_origin

from openpyxl import Workbook, load_workbook

from service.errors import ServiceError
from service.registry.bundle import EXTRA, META, SECTIONS

GUIDE_FA = {
    "agencies": "دستگاه‌ها: کد، نام فارسی و انگلیسی، نوع، سطح، دستگاه بالادست",
    "duties": "وظایف: دستگاه مسئول، کد کارکرد COFOG، ذی‌نفعان (با ; جدا شوند)، گسترهٔ جغرافیایی",
    "capacities": "ظرفیت‌ها: آنچه دستگاه می‌تواند عرضه کند، با بازهٔ زمانی (تاریخ شمسی ۱۴۰۳/۰۲/۱۵)",
    "needs": "نیازها: آنچه دستگاه کم دارد",
    "issues": "مسائل میان دستگاه‌ها: طرح‌کننده، دستگاه‌های مرتبط (با ; جدا شوند)، شدت، وضعیت",
    "exchanges": "مبادلات مالی، خدماتی و زیرساختی: مبلغ به ریال",
    "requests": "درخواست‌ها: فرستنده، گیرنده، موضوع، مهلت (تاریخ شمسی)",
    "workingGroups": "کارگروه‌ها: اعضا به شکل agencyId:role با ; جدا شوند",
}


def columns(section: str) -> list[str]:
    model = SECTIONS[section].create_model
    return [*model.model_fields, *EXTRA.get(section, ()), *META]


def _list_field(section: str, name: str) -> bool:
    info = SECTIONS[section].create_model.model_fields.get(name)
    if info is None:
        return False
    ann = info.annotation
    return get_origin(ann) is list or any(get_origin(a) is list for a in get_args(ann))


def _cell_out(section: str, name: str, value: Any) -> Any:
    if value is None:
        return None
    if name == "members":
        return "; ".join(f"{m['agencyId']}:{m['role']}" for m in value)
    if name == "history":
        return json.dumps(value, ensure_ascii=False) if value else None
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return value


def _cell_in(section: str, name: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if name == "members":
        out = []
        for part in str(value).split(";"):
            if part.strip():
                agency, _, role = part.strip().partition(":")
                out.append({"agencyId": agency.strip(), "role": role.strip() or "member"})
        return out
    if name == "history":
        return json.loads(value)
    if name == "archived":
        return str(value).strip().lower() in ("true", "1", "yes", "بله")
    if name == "version":
        return int(value)
    if _list_field(section, name):
        return [p.strip() for p in str(value).split(";") if p.strip()]
    return value


def bundle_to_xlsx(bundle: dict[str, list[dict[str, Any]]], guide: bool = False) -> bytes:
    """A workbook with one sheet per section (and a Persian guide sheet for templates)."""
    book = Workbook()
    first = book.worksheets[0]
    book.remove(first)
    if guide:
        sheet = book.create_sheet("guide")
        sheet.sheet_view.rightToLeft = True
        sheet.append(["sheet", "راهنما"])
        for name, text in GUIDE_FA.items():
            sheet.append([name, text])
    for section in SECTIONS:
        sheet = book.create_sheet(section)
        cols = columns(section)
        sheet.append(cols)
        for row in bundle.get(section, []):
            sheet.append([_cell_out(section, c, row.get(c)) for c in cols])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rows(section: str, header: list[Any], body: Any) -> list[dict[str, Any]]:
    names = [str(h).strip() if h is not None else "" for h in header]
    out = []
    for number, values in body:
        if all(v is None or v == "" for v in values):
            continue
        row: dict[str, Any] = {"_row": number}
        for name, value in zip(names, values, strict=False):
            if name:
                converted = _cell_in(section, name, value)
                if converted is not None:
                    row[name] = converted
        out.append(row)
    return out


def xlsx_to_bundle(data: bytes) -> dict[str, list[dict[str, Any]]]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is the user's problem
        raise ServiceError("BAD_FILE", f"not an XLSX workbook: {exc}", "پروندهٔ XLSX خوانا نیست") from None
    bundle: dict[str, list[dict[str, Any]]] = {}
    for sheet in book.worksheets:
        if sheet.title == "guide":
            continue
        rows = list(sheet.iter_rows(values_only=True))
        if not rows:
            continue
        bundle[sheet.title] = _rows(sheet.title, list(rows[0]), ((i + 2, r) for i, r in enumerate(rows[1:])))
    return bundle


def csv_to_bundle(section: str, data: bytes) -> dict[str, list[dict[str, Any]]]:
    if section not in SECTIONS:
        raise ServiceError(
            "BAD_FILE", f"name the CSV after a sheet: one of {', '.join(SECTIONS)}",
            "نام پروندهٔ CSV باید نام یکی از برگه‌ها باشد", field="sheet",
        )  # fmt: skip
    text = data.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text))
    rows = list(reader)
    if not rows:
        return {section: []}
    return {section: _rows(section, rows[0], ((i + 2, r) for i, r in enumerate(rows[1:])))}


def read_bundle_file(filename: str, data: bytes, sheet: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """JSON, XLSX or CSV (the CSV's sheet is its file name, e.g. agencies.csv)."""
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".xlsx":
        return xlsx_to_bundle(data)
    if suffix == ".csv":
        return csv_to_bundle(sheet or PurePath(filename).stem, data)
    if suffix == ".json":
        try:
            loaded: dict[str, list[dict[str, Any]]] = json.loads(data.decode("utf-8"))
            return loaded
        except (ValueError, UnicodeDecodeError) as exc:
            raise ServiceError("BAD_FILE", f"not JSON: {exc}", "پروندهٔ JSON خوانا نیست") from None
    raise ServiceError("BAD_FILE", "upload .xlsx, .csv or .json", "پرونده باید xlsx، csv یا json باشد")
