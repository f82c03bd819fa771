"""Bundles to and from XLSX (one sheet per entity) and CSV (one entity per file).

Lists are written as ``a; b; c``, members as ``agencyId:role``, request histories as JSON,
so a person can edit the workbook in a spreadsheet and import it back.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import time
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, get_args, get_origin

from openpyxl import Workbook, load_workbook

from service.errors import ServiceError
from service.io import cells, safejson
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


def bad_file(message_en: str, message_fa: str, field: str | None = "file") -> ServiceError:
    """An upload that cannot be read as a bundle: 422, what is wrong in both languages."""
    return ServiceError("BAD_FILE", message_en, message_fa, field=field, status=422)


@dataclass
class ImportLimits:
    """Caps on one upload (``Settings.import_max_*``), counted while it is read; the first one passed
    stops the reading with a 413 naming the limit. ``None`` fields do not limit (the CLI's default)."""

    rows: int | None = None
    cells: int | None = None
    uncompressed_bytes: int | None = None
    seconds: float | None = None
    seen_rows: int = 0
    seen_cells: int = 0
    started: float = field(default_factory=time.monotonic)

    @classmethod
    def from_settings(cls, settings: Any) -> ImportLimits:
        return cls(settings.import_max_rows, settings.import_max_cells, settings.import_max_uncompressed_bytes,
                   settings.import_max_seconds)  # fmt: skip

    def exceeded(self, name: str, limit: float, unit_en: str, unit_fa: str) -> ServiceError:
        setting = f"HAMAHANG_IMPORT_MAX_{name.upper()}"
        return ServiceError(
            "IMPORT_TOO_LARGE",
            f"the upload is over the import limit of {limit:,} {unit_en} ({setting}); split it, or use the CLI "
            "(python -m service import FILE --batch-rows 2000)",
            f"پرونده از سقف درون‌ریزی بزرگ‌تر است: {limit:,} {unit_fa} ({setting})؛ آن را تقسیم کنید یا از خط فرمان "
            "(import --batch-rows) استفاده کنید",
            field="file", status=413, details={"limit": name, "max": limit},
        )  # fmt: skip

    def count(self, row_cells: int) -> None:
        """One more row of ``row_cells`` cells; raises when a cap is passed (time checked every 1,000 rows)."""
        self.seen_rows += 1
        self.seen_cells += row_cells
        if self.rows is not None and self.seen_rows > self.rows:
            raise self.exceeded("rows", self.rows, "rows", "سطر")
        if self.cells is not None and self.seen_cells > self.cells:
            raise self.exceeded("cells", self.cells, "cells", "خانه")
        if self.seconds is not None and self.seen_rows % 1000 == 0:
            self.check_time()

    def check_time(self) -> None:
        if self.seconds is not None and time.monotonic() - self.started > self.seconds:
            raise self.exceeded("seconds", self.seconds, "seconds of reading", "ثانیه خواندن")

    def check_unzipped(self, data: bytes) -> None:
        """An XLSX is a zip: refuse before inflating when its parts add up to more than the cap."""
        if self.uncompressed_bytes is None:
            return
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(item.file_size for item in archive.infolist())
        if total > self.uncompressed_bytes:
            raise self.exceeded("uncompressed_bytes", self.uncompressed_bytes, "bytes unzipped", "بایت پس از گشودن")


def columns(section: str) -> list[str]:
    model = SECTIONS[section].create_model
    return [*model.model_fields, *EXTRA.get(section, ()), *META]


def _list_field(section: str, name: str) -> bool:
    spec = SECTIONS.get(section)
    info = spec.create_model.model_fields.get(name) if spec else None
    if info is None:
        return False
    ann = info.annotation
    return get_origin(ann) is list or any(get_origin(a) is list for a in get_args(ann))


def _cell_out(section: str, name: str, value: Any) -> Any:
    """A stored value as a cell, whatever was stored (``cells.cell`` makes texts safe)."""
    if value is None:
        return None
    if name == "members" and isinstance(value, list):
        return cells.cell("; ".join(f"{m.get('agencyId')}:{m.get('role')}" if isinstance(m, dict) else str(m)
                                    for m in value))  # fmt: skip
    if name == "history":
        return cells.cell(json.dumps(value, ensure_ascii=False)) if value else None
    if isinstance(value, list):
        return cells.cell("; ".join(str(v) for v in value))
    if isinstance(value, (dict, bytes)):
        return cells.cell(json.dumps(value, ensure_ascii=False, default=str))
    return cells.cell(value)


def _cell_in(section: str, name: str, value: Any) -> Any:
    value = cells.uncell(value)
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
        return safejson.loads(str(value))
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
        for row in bundle.get(section, []):  # each value through cells.cell (in _cell_out)
            sheet.append([_cell_out(section, c, row.get(c)) for c in cols])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rows(section: str, header: list[Any], body: Iterable[tuple[int, Any]], limits: ImportLimits) -> list[dict[str, Any]]:
    names = [str(h).strip() if h is not None else "" for h in header]
    out = []
    for number, values in body:
        limits.count(len(values))
        if all(v is None or v == "" for v in values):
            continue
        row: dict[str, Any] = {"_row": number}
        for name, value in zip(names, values, strict=False):
            if name:
                try:
                    converted = _cell_in(section, name, value)
                except (ValueError, TypeError) as exc:  # history that is not JSON, a version that is no number
                    raise bad_file(f"sheet {section}, row {number}, column {name}: {exc}",
                                   f"برگهٔ {section}، سطر {number}، ستون {name}: مقدار خوانا نیست", name) from None  # fmt: skip
                if converted is not None:
                    row[name] = converted
        out.append(row)
    return out


def _numbered(rows: Iterator[tuple[Any, ...]]) -> Iterator[tuple[int, tuple[Any, ...]]]:
    return ((i + 2, r) for i, r in enumerate(rows))


def xlsx_to_bundle(data: bytes, limits: ImportLimits | None = None) -> dict[str, list[dict[str, Any]]]:
    """Stream the workbook (read-only mode, one row at a time), stopping at the first cap passed.

    Sheets not named after a section are not read: the import reports each as unknown."""
    limits = limits or ImportLimits()
    try:
        limits.check_unzipped(data)
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ServiceError:
        raise
    except Exception as exc:  # noqa: BLE001 - any unreadable file is the user's problem
        raise bad_file(f"not an XLSX workbook: {exc}", "پروندهٔ XLSX خوانا نیست") from None
    bundle: dict[str, list[dict[str, Any]]] = {}
    try:
        for sheet in book.worksheets:
            if sheet.title == "guide":
                continue
            if sheet.title not in SECTIONS:
                bundle[sheet.title] = []
                continue
            sheet.reset_dimensions()  # a lying <dimension> must not pad every row
            rows = sheet.iter_rows(values_only=True)
            header = next(rows, None)
            if header is None:
                continue
            bundle[sheet.title] = _rows(sheet.title, list(header), _numbered(rows), limits)
    except ServiceError:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken part (bad XML, a control byte) is the file's fault
        raise bad_file(f"not a readable XLSX workbook: {exc}", "پروندهٔ XLSX خوانا نیست") from None
    finally:
        book.close()
    return bundle


def csv_to_bundle(section: str, data: bytes, limits: ImportLimits | None = None) -> dict[str, list[dict[str, Any]]]:
    limits = limits or ImportLimits()
    if section not in SECTIONS:
        raise bad_file(f"name the CSV after a sheet: one of {', '.join(SECTIONS)}",
                       "نام پروندهٔ CSV باید نام یکی از برگه‌ها باشد", "sheet")  # fmt: skip
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise bad_file(f"the CSV is not UTF-8 text ({exc}); save it as CSV UTF-8",
                       "پروندهٔ CSV با کدگذاری UTF-8 نیست؛ آن را با قالب CSV UTF-8 ذخیره کنید") from None  # fmt: skip
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader, None)
        if header is None:
            return {section: []}
        return {section: _rows(section, header, ((i + 2, tuple(r)) for i, r in enumerate(reader)), limits)}
    except csv.Error as exc:
        raise bad_file(f"not a readable CSV file: {exc}", "پروندهٔ CSV خوانا نیست") from None


def check_shape(loaded: Any) -> dict[str, list[dict[str, Any]]]:
    """A JSON bundle must be an object of sections, each a list of objects (rows)."""
    if not isinstance(loaded, dict):
        raise bad_file(f"a JSON import is an object of sections ({', '.join(SECTIONS)}), not {type(loaded).__name__}",
                       "پروندهٔ JSON باید یک شیء با بخش‌های ثبت (agencies، duties، …) باشد")  # fmt: skip
    for section, rows in loaded.items():
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise bad_file(f"section {section!r} must be a list of rows (JSON objects)",
                           f"بخش «{section}» باید فهرستی از سطرها (شیء JSON) باشد", str(section))  # fmt: skip
    return loaded


def json_to_bundle(data: bytes, limits: ImportLimits | None = None) -> dict[str, list[dict[str, Any]]]:
    limits = limits or ImportLimits()
    try:
        bundle = check_shape(safejson.loads(data))
    except safejson.JsonRefused as exc:
        raise bad_file(f"not a readable JSON file: {exc.message_en}", f"پروندهٔ JSON خوانا نیست: {exc.message_fa}") from None
    for rows in bundle.values():
        for row in rows:
            limits.count(len(row))
    return bundle


def read_bundle_file(filename: str, data: bytes, sheet: str | None = None,
                     limits: ImportLimits | None = None) -> dict[str, list[dict[str, Any]]]:  # fmt: skip
    """JSON, XLSX or CSV (the CSV's sheet is its file name, e.g. agencies.csv), within ``limits``."""
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".xlsx":
        return xlsx_to_bundle(data, limits)
    if suffix == ".csv":
        return csv_to_bundle(sheet or PurePath(filename).stem, data, limits)
    if suffix == ".json":
        return json_to_bundle(data, limits)
    raise ServiceError("BAD_FILE", "upload .xlsx, .csv or .json", "پرونده باید xlsx، csv یا json باشد", status=415)
