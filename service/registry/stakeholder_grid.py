"""The power/interest grid (Mendelow) over the stakeholders a reader may read: one place that
sorts them into quadrants, for GraphQL, the grid page and its CSV/XLSX export alike."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from service.domain.stakeholder import HIGH, QUADRANT_EN, QUADRANT_FA, TYPE_FA, quadrant
from service.storage.port import Row

ORDER = ("manage_closely", "keep_satisfied", "keep_informed", "monitor")
COLUMNS = ("id", "nameFa", "nameEn", "type", "typeFa", "power", "interest", "influence", "quadrant", "quadrantFa",
           "beneficiaries", "issues", "duties", "plans", "openCommitments", "sentiment", "issueIds", "dutyIds", "planIds", "workingGroupIds")  # fmt: skip


def cells(rows: Iterable[Row]) -> dict[str, list[Row]]:
    """Quadrant -> its stakeholders, most powerful then most interested first."""
    out: dict[str, list[Row]] = {q: [] for q in ORDER}
    for row in rows:
        out[quadrant(int(row["power"]), int(row["interest"]))].append(row)
    for found in out.values():
        found.sort(key=lambda r: (-int(r["power"]), -int(r["interest"]), -int(r.get("influence") or 0), r["id"]))
    return out


def latest_sentiments(log: dict[str, list[Row]]) -> dict[str, str]:
    """Each stakeholder's stance as its latest engagement that recorded one showed it (logs newest first)."""
    found = {k: next((e["sentiment"] for e in entries if e.get("sentiment")), None) for k, entries in log.items()}
    return {k: v for k, v in found.items() if v}


def table(rows: Iterable[Row], open_commitments: dict[str, int] | None = None,
          sentiments: dict[str, str] | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """One line per stakeholder for the export, in grid order (COLUMNS)."""
    counts, stances = open_commitments or {}, sentiments or {}
    out = []
    for q, found in cells(rows).items():
        for r in found:
            out.append({"id": r["id"], "nameFa": r["nameFa"], "nameEn": r.get("nameEn") or "", "type": r["type"],
                        "typeFa": TYPE_FA.get(r["type"], r["type"]), "power": r["power"], "interest": r["interest"],
                        "influence": r["influence"], "quadrant": q, "quadrantFa": QUADRANT_FA[q],
                        "beneficiaries": " ".join(r.get("beneficiaries") or []), "issues": len(r.get("issueIds") or []),
                        "duties": len(r.get("dutyIds") or []), "plans": len(r.get("planIds") or []),
                        "openCommitments": counts.get(r["id"], 0), "sentiment": stances.get(r["id"], ""),
                        **{k: " ".join(r.get(k) or []) for k in ("issueIds", "dutyIds", "planIds", "workingGroupIds")}})  # fmt: skip
    return out


__all__ = ["COLUMNS", "HIGH", "ORDER", "QUADRANT_EN", "QUADRANT_FA", "cells", "table"]
