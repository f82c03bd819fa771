"""Concluded agreements per kind and Jalali year of signing, over what the reader may read: seed
004's question ("17 innovative contracts in 1404, 5 in 1403; 22 with knowledge-based companies in
1404, 66 in 1403"), answered the same way in GraphQL and in the downloads."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from service.registry.repository import Repository
from service.text.jalali import jalali_year


async def agreement_totals(repo: Repository) -> list[dict[str, Any]]:
    rows = await repo.store.read("agreement/totals_by_day", {"viewerId": repo.view.viewer("agreement")})
    totals: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        year = jalali_year(r["date"])
        if year is not None:  # a stored day the Jalali calendar cannot show is counted nowhere
            totals[(r["kind"], year)][0] += int(r["count"])
            totals[(r["kind"], year)][1] += int(r["amount"] or 0)
    return [{"kind": k, "jalaliYear": y, "count": c, "valueRials": v} for (k, y), (c, v) in sorted(totals.items())]
