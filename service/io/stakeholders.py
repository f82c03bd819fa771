"""The stakeholder grid as CSV and XLSX: one line per stakeholder in grid order, every cell through
``service/io/cells.py`` (a stakeholder's name could start like a formula)."""

from __future__ import annotations

import csv
import io
from typing import Any

from service.io import cells
from service.registry.stakeholder_grid import COLUMNS


def grid_csv(lines: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so Excel reads the Persian as UTF-8
    writer = csv.writer(buffer)
    writer.writerow(cells.row(COLUMNS))
    for line in lines:
        writer.writerow(cells.row(line[c] for c in COLUMNS))
    return buffer.getvalue()


def grid_xlsx(lines: list[dict[str, Any]], engagements: list[dict[str, Any]], commitments: list[dict[str, Any]]) -> bytes:
    """Sheets: the grid, the engagement log, the commitments (right to left, as the pages are)."""
    from openpyxl import Workbook  # 0.3 s to import: only for a workbook

    book = Workbook()
    sheets: list[tuple[str, tuple[str, ...], list[dict[str, Any]]]] = [
        ("grid", COLUMNS, lines),
        ("engagements", ("id", "stakeholderId", "kind", "date", "dateJalali", "agencyId", "commitmentId", "sentiment", "noteFa"), engagements),
        ("commitments", ("id", "stakeholderId", "ownerId", "status", "dueDate", "dueDateJalali", "madeOn", "textFa"), commitments),
    ]
    book.remove(book.worksheets[0])
    for name, columns, rows in sheets:
        sheet = book.create_sheet(name)
        sheet.sheet_view.rightToLeft = True
        sheet.append(cells.row(columns))
        for row in rows:
            sheet.append(cells.row(row.get(c) for c in columns))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
