"""Analysis results as downloads: CSV (the matrix's cells, or the result's rows), XLSX, JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from service.analysis.matrix import AgencyMatrix
from service.io import cells


def _matrix(result: Any) -> AgencyMatrix | None:
    matrix = getattr(result, "matrix", None)
    return matrix if isinstance(matrix, AgencyMatrix) else None


def _flat(value: Any) -> Any:
    """A value as one cell: lists and records as JSON, texts made safe (``service.io.cells``)."""
    if isinstance(value, (dict, list)):
        return cells.cell(json.dumps(value, ensure_ascii=False))
    return cells.cell(value)


def _tables(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The result's lists of records (findings, opportunities, items…), one table each."""
    return {k: v for k, v in data.items() if isinstance(v, list) and v and isinstance(v[0], dict)}


def to_json(result: Any) -> str:
    return json.dumps(result.as_dict(), ensure_ascii=False, indent=1)


def to_csv(result: Any) -> str:
    matrix = _matrix(result)
    if matrix is not None:
        return matrix.to_csv()
    tables = _tables(result.as_dict())
    rows = next(iter(tables.values()), [])
    buffer = io.StringIO()
    buffer.write("\ufeff")
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=[cells.cell(k) for k in rows[0]])
        writer.writeheader()
        for row in rows:
            writer.writerow({cells.cell(k): _flat(v) for k, v in row.items()})
    return buffer.getvalue()


def to_xlsx(result: Any) -> bytes:
    """Sheets: the matrix as a grid (blocks together), its cells with evidence, every list, parameters."""
    from openpyxl import Workbook  # 0.3 s to import: only for a workbook

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    data = result.as_dict()
    matrix = _matrix(result)
    if matrix is not None:
        involved = {a for key in matrix.cells for a in key}
        order = [a for a in matrix.ordered() if a.id in involved]
        grid = book.create_sheet("matrix")
        grid.sheet_view.rightToLeft = True
        grid.append(cells.row(["", *[a.name_fa for a in order]]))
        for agency, values in zip(order, matrix.dense(order), strict=True):
            grid.append(cells.row([agency.name_fa, *[round(v, 4) if v else None for v in values]]))
        sheet_cells = book.create_sheet("cells")
        sheet_cells.append(["row_id", "row_name", "col_id", "col_name", "value", "evidence"])
        names = {a.id: a.name_fa for a in matrix.agencies}
        for cell in sorted(matrix.cells.values(), key=lambda c: -c.value):
            sheet_cells.append(cells.row([cell.row, names.get(cell.row), cell.col, names.get(cell.col), cell.value,
                                          _flat(cell.evidence)]))  # fmt: skip
    for name, rows in _tables(data).items():
        sheet = book.create_sheet(name[:31])
        columns = list(rows[0])
        sheet.append(cells.row(columns))
        for row in rows:
            sheet.append([_flat(row.get(c)) for c in columns])
    params = book.create_sheet("parameters")
    for key, value in (data.get("parameters") or {}).items():
        params.append([cells.cell(key), _flat(value)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
