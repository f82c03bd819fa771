"""A snapshot from an import bundle, in memory: the analyses run on it without a store.

Used by the evaluation scenarios (``eval/``) and for timing the analyses on generated registries;
every row is validated by the same domain models as an import, so dates become ISO as in the store.
"""

from __future__ import annotations

from typing import Any

from service.analysis.snapshot import Snapshot
from service.registry.bundle import EXTRA, SECTIONS

KEYS = {"agencies": "agency", "duties": "duty", "capacities": "capacity", "needs": "need", "issues": "issue",
        "exchanges": "exchange", "requests": "request", "workingGroups": "working_group"}  # fmt: skip


def snapshot_of(bundle: dict[str, list[dict[str, Any]]]) -> Snapshot:
    """Rows as the store would return them: validated, ISO dates, requests with their final status."""
    snap = Snapshot()
    for section, rows in bundle.items():
        spec = SECTIONS[section]
        extra = EXTRA.get(section, ())
        out = []
        for raw in rows:
            fields = {k: v for k, v in raw.items() if k not in extra and k != "id"}
            row = spec.create_model(**fields).model_dump(mode="json")
            row["id"] = raw["id"]
            if section == "requests":
                history = raw.get("history") or []
                row["status"] = raw.get("status") or (history[-1]["to"] if history else "submitted")
            out.append(row)
        snap.rows[KEYS[section]] = out
    return snap
