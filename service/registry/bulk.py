"""Loading a registry too big for one statement: validate all of it first, then write it in batches.

``import_bundle`` writes a bundle in one statement, all or nothing; at city scale (80,000 records)
that one statement holds the store for tens of seconds and its parameters fill hundreds of MB.
Here nothing is written unless every row is good, as there; then each batch is one statement
(atomic on both backends), nodes before the relationships that join them. A failure part way
says how far it got: what was written stays, with its audit events.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from service.domain.actor import Actor
from service.errors import ServiceError
from service.registry.audit import audit_event
from service.registry.bundle import EDGES, SECTIONS, Prepared, Progress, import_params, prepare
from service.storage.errors import StoreError
from service.storage.port import GraphStore

ORDER = (*SECTIONS, "steps", *EDGES)


@dataclass
class BatchedImport:
    prepared: Prepared
    rows: int = 0
    statements: int = 0


async def import_in_batches(store: GraphStore, bundle: dict[str, list[dict[str, Any]]], actor: Actor | None = None,
                            batch_rows: int = 2000, progress: Progress | None = None, *,
                            checked: Progress | None = None, limits: Any = None) -> BatchedImport:  # fmt: skip
    """``progress`` is told of the rows written after each batch, ``checked`` of the rows checked before;
    ``limits`` (``service.io.workbook.ImportLimits``): its time cap also bounds the checking."""
    prepared = await prepare(store, bundle, limits, checked)
    result = BatchedImport(prepared)
    if prepared.problems:
        return result
    params = import_params(prepared)
    empty: dict[str, list[dict[str, Any]]] = {name: [] for name in params}
    total = sum(len(rows) for rows in params.values())
    if progress is not None and total:  # every row checked: writing begins
        progress(ORDER[0], 0, total)
    for name in ORDER:
        rows = params[name]
        for start in range(0, len(rows), batch_rows):
            batch = rows[start : start + batch_rows]
            audit = audit_event(actor, "import", "Registry", "import", None,
                                {"counts": {name: len(batch)}, "batch": {"list": name, "from": start}})  # fmt: skip
            try:
                await store.write("registry/import", {**empty, name: batch, "audit": audit})
            except StoreError as exc:
                raise ServiceError(
                    "IMPORT_INTERRUPTED",
                    f"the import stopped at {name} row {start + 1} after {result.rows} of {total} rows "
                    f"({exc.detail}); what was written stays",
                    f"ورود داده در {name} ردیف {start + 1} پس از {result.rows} از {total} ردیف متوقف شد؛ "
                    "آنچه نوشته شده بود می‌ماند",
                    status=503,
                ) from exc  # fmt: skip
            result.rows += len(batch)
            result.statements += 1
            if progress is not None:
                progress(name, result.rows, total)
    return result
