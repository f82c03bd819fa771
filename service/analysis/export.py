"""Analysis results as downloads: CSV (the matrix's cells, or the result's rows), XLSX, JSON.

JSON is written as it is made (``json_chunks``), one record a line: at city scale the duplication
result is about 20 MB, and building it whole (``as_dict`` deep-copies every record with
``dataclasses.asdict``, then ``json.dumps`` with an indent) was about half of
``analyze duplication --format json``. Here orjson writes the records' dataclasses itself.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

import orjson

from service.analysis.matrix import AgencyMatrix
from service.io import cells

if TYPE_CHECKING:
    from service.forked import Child

CHUNK = 1 << 16  # bytes gathered before each write (a socket send per record was slow)
PARALLEL_FROM = 2_000  # records: below this a fork costs more than it saves


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


def _with_net(match: Any) -> dict[str, Any]:
    return {f.name: getattr(match, f.name) for f in dataclasses.fields(match)} | {"net": match.net}


def _matrix_sections(matrix: AgencyMatrix) -> dict[str, Any]:
    return {"name": matrix.name, "directed": matrix.directed, "agencies": matrix.agencies,
            "cells": sorted(matrix.cells.values(), key=lambda c: (c.row, c.col))}  # fmt: skip


@dataclass(frozen=True)
class _Records:
    """A list whose records are made as they are written (``make``), and, with ``workers`` > 1,
    written in two processes (``_fork_writer``)."""

    items: list[Any]
    make: Callable[[Any], Any]
    workers: int = 1


def sections(result: Any, workers: int = 1) -> dict[str, Any]:
    """What ``result.as_dict()`` holds, its records left as dataclasses (orjson writes those in C).
    Duplication and win-win are laid out here, key for key as their ``as_dict`` (a test compares the
    two); any other result is its ``as_dict()``."""
    from service.analysis.duplication import DuplicationFinding, DuplicationResult

    if type(result) is DuplicationResult:
        # findings as dicts: each carries its Persian explanation and money, worked out when written
        return {"parameters": result.parameters, "findings": _Records(result.findings, DuplicationFinding.as_dict, workers),
                "areas": result.areas, "matrix": _matrix_sections(result.matrix),
                "learning": dataclasses.asdict(result.learning)}  # fmt: skip
    # imported only for a result of its module's: importing win-win imports scipy.optimize (0.4 s)
    winwin = sys.modules.get("service.analysis.winwin")
    if winwin is not None and type(result) is winwin.WinWinResult:
        from service.analysis.winwin import opportunity_dict

        return {"parameters": result.parameters, "assumptions": result.assumptions,
                "matches": [_with_net(m) for m in result.matches],
                "opportunities": [opportunity_dict(o) for o in result.opportunities],
                "inPlace": [_with_net(m) for m in result.in_place], "leftOut": result.left_out,
                "totalChosenRials": result.total_chosen_rials, "cyclesTruncated": result.cycles_truncated,
                "optimal": result.optimal, "gap": result.gap, "boundRials": result.bound_rials, "solver": result.solver,
                "sensitivity": result.sensitivity, "matrix": _matrix_sections(result.matrix)}  # fmt: skip
    data: dict[str, Any] = result.as_dict()
    return data


def _default(value: Any) -> Any:
    """What orjson does not write itself: numpy scalars (``float64`` and the like) become Python's."""
    item = getattr(value, "item", None)
    if callable(item):
        return item()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _dumps(value: Any) -> bytes:
    return orjson.dumps(value, default=_default, option=orjson.OPT_NON_STR_KEYS)


def _pieces(value: Any, depth: int = 0) -> Iterator[bytes]:
    """The result and its matrix opened key by key, their lists one record a line, the rest whole."""
    if isinstance(value, _Records):
        if not value.items:
            yield b"[]"
            return
        yield b"[\n"
        yield from _records(value)
        yield b"\n]"
    elif isinstance(value, dict) and depth < 2:
        yield b"{"
        for i, (key, item) in enumerate(value.items()):
            yield (b",\n" if i else b"") + _dumps(str(key)) + b":"
            yield from _pieces(item, depth + 1)
        yield b"}"
    elif isinstance(value, list) and value and depth < 3:
        yield b"[\n"
        for i, item in enumerate(value):
            yield (b",\n" if i else b"") + _dumps(item)
        yield b"\n]"
    else:
        yield _dumps(value)


def _records(value: _Records) -> Iterator[bytes]:
    items, make = value.items, value.make
    # only Python's own threads can be seen here (a library's native pool cannot); the child runs
    # nothing but Python and orjson, so what matters is that no Python thread holds a lock it needs
    alone = hasattr(os, "fork") and threading.active_count() == 1
    half = len(items) // 2 if value.workers > 1 and len(items) >= PARALLEL_FROM and alone else len(items)
    child = _fork_writer(items[half:], make) if half < len(items) else None
    if child is None:
        half = len(items)
    try:
        for i in range(half):
            yield (b",\n" if i else b"") + _dumps(make(items[i]))
        if child is not None:
            yield from child.rest(items[half:], make)
    finally:
        if child is not None:
            child.end()


class _Child:
    """A forked writer of the second half of a list (``forked.fork_into``)."""

    def __init__(self, child: Child) -> None:
        self.child = child

    def rest(self, items: list[Any], make: Callable[[Any], Any]) -> Iterator[bytes]:
        """The child's half once it has finished; written here if the child failed."""
        if self.child.finished():
            self.child.spool.seek(0)
            while block := self.child.spool.read(CHUNK):
                yield block
        else:
            for item in items:
                yield b",\n" + _dumps(make(item))

    def end(self) -> None:
        """Stop and reap a child whose half was never asked for (the reader stopped or failed)."""
        self.child.cancel()


def _fork_writer(items: list[Any], make: Callable[[Any], Any]) -> _Child | None:
    """The second half of a list written by a forked child into a temporary file while this process
    writes the first (on 2 cores the 24,025 findings of a city, each with its Persian explanation,
    took 0.64-0.71 s in one process, 0.37-0.47 s in two); then the file is copied on. Only for a
    caller with no other thread running (the CLI, after its store is closed): a fork copies one
    thread. None when there is no fork (this process then writes the whole list), and a child
    that fails has its half written by this process: the output is the same either way."""
    from service.forked import fork_into

    def write(out: IO[bytes]) -> None:
        for item in items:
            out.write(b",\n" + _dumps(make(item)))

    child = fork_into(write, buffering=CHUNK)
    return _Child(child) if child is not None else None


def json_chunks(result: Any, workers: int = 1) -> Iterator[bytes]:
    """The result as UTF-8 JSON (Persian unescaped), in chunks of about ``CHUNK`` bytes. ``workers``:
    processes to write a big list of records in (``_fork_writer``; only where forking is safe)."""
    buffer: list[bytes] = []
    size = 0
    for piece in _pieces(sections(result, workers)):
        buffer.append(piece)
        size += len(piece)
        if size >= CHUNK:
            yield b"".join(buffer)
            buffer, size = [], 0
    buffer.append(b"\n")
    yield b"".join(buffer)


def write_json(result: Any, out: IO[bytes], workers: int = 1) -> int:
    """Write the result to ``out`` as it is made; returns the bytes written."""
    written = 0
    for chunk in json_chunks(result, workers):
        out.write(chunk)
        written += len(chunk)
    return written


def to_json(result: Any) -> bytes:
    return b"".join(json_chunks(result))


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
    book.remove(book.worksheets[0])  # the empty sheet a new workbook starts with
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
    for name, lines in data.items():  # lists of sentences (a win-win's assumptions): one per row
        if isinstance(lines, list) and lines and all(isinstance(x, str) for x in lines):
            sheet = book.create_sheet(name[:31])
            for line in lines:
                sheet.append([line])
    params = book.create_sheet("parameters")
    for key, value in (data.get("parameters") or {}).items():
        params.append([cells.cell(key), _flat(value)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# By format: the API route and the CLI pick from the same table.
WRITERS: dict[str, Callable[[Any], str | bytes]] = {"csv": to_csv, "json": to_json, "xlsx": to_xlsx}
