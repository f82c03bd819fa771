"""Agency × agency matrices with evidence per cell, in every shape the users ask for."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from scipy import sparse

from service.io import cells


@dataclass(frozen=True)
class AgencyRef:
    id: str
    name_fa: str
    name_en: str | None = None
    code: str | None = None


@dataclass
class Cell:
    """One non-empty cell: a value and the records that explain it (each with a ``why``)."""

    row: str
    col: str
    value: float
    evidence: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class AgencyMatrix:
    """Rows and columns are the same agencies; only non-empty cells are kept."""

    name: str
    agencies: list[AgencyRef]
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    directed: bool = True

    def add(self, row: str, col: str, value: float, evidence: dict[str, Any] | None = None) -> None:
        """Accumulate ``value`` into a cell (mirrored when the matrix is undirected)."""
        pairs = [(row, col)] if self.directed or row == col else [(row, col), (col, row)]
        for r, c in pairs:
            cell = self.cells.setdefault((r, c), Cell(r, c, 0.0))
            cell.value += value
            if evidence is not None:
                cell.evidence.append(evidence)

    def ordered(self) -> list[AgencyRef]:
        """Agencies in an order that brings blocks together (reverse Cuthill–McKee), empty ones last."""
        index = {a.id: i for i, a in enumerate(self.agencies)}
        n = len(self.agencies)
        if n == 0 or not self.cells:
            return list(self.agencies)
        rows = [index[r] for r, _ in self.cells]
        cols = [index[c] for _, c in self.cells]
        graph = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
        graph = (graph + graph.T).tocsr()
        # here, not at the top: scipy.sparse.csgraph (and the linear algebra it loads) took 0.08 s of
        # every analysis's imports, for a picture or a workbook that asks for this order
        from scipy.sparse.csgraph import reverse_cuthill_mckee

        perm = reverse_cuthill_mckee(graph, symmetric_mode=True)
        active = set(rows) | set(cols)
        order = [int(i) for i in perm if int(i) in active] + [i for i in range(n) if i not in active]
        return [self.agencies[i] for i in order]

    def dense(self, order: list[AgencyRef] | None = None) -> list[list[float]]:
        order = order or self.agencies
        return [[self.cells[(r.id, c.id)].value if (r.id, c.id) in self.cells else 0.0 for c in order] for r in order]

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "directed": self.directed,
            "agencies": [asdict(a) for a in self.agencies],
            "cells": [asdict(c) for c in sorted(self.cells.values(), key=lambda c: (c.row, c.col))],
        }

    def to_csv(self) -> str:
        """One line per non-empty cell, evidence as JSON (spreadsheets open it as UTF-8 with the BOM)."""
        names = {a.id: a.name_fa for a in self.agencies}
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv.writer(buffer)
        writer.writerow(["row_id", "row_name", "col_id", "col_name", "value", "evidence"])
        for cell in sorted(self.cells.values(), key=lambda c: (-c.value, c.row, c.col)):
            writer.writerow(cells.row([cell.row, names.get(cell.row, ""), cell.col, names.get(cell.col, ""),
                                       round(cell.value, 6), json.dumps(cell.evidence, ensure_ascii=False)]))  # fmt: skip
        return buffer.getvalue()
