"""Mission alignment: does each exchange, and each request done, fit a duty of its provider?

Aligned when the record links one of the provider's duties (an exchange's ``dutyId``, a request
about the receiver's duty or capacity), or when its text resembles one of them; otherwise it is
listed as misaligned. Each agency gets the share of what it provided that fits its mission.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from service.analysis.snapshot import Snapshot
from service.analysis.textsim import tfidf
from service.settings import AlignmentParams


@dataclass
class AlignmentItem:
    kind: str  # exchange | request
    id: str
    title: str
    provider: str
    aligned: bool
    duty_id: str | None
    similarity: float | None
    why: str


@dataclass
class AgencyAlignment:
    agency_id: str
    name_fa: str
    aligned: int
    total: int

    @property
    def ratio(self) -> float:
        return self.aligned / self.total if self.total else 1.0


@dataclass
class AlignmentResult:
    parameters: dict[str, Any]
    items: list[AlignmentItem]
    agencies: list[AgencyAlignment]

    @property
    def misaligned(self) -> list[AlignmentItem]:
        return [i for i in self.items if not i.aligned]

    def as_dict(self) -> dict[str, Any]:
        return {
            "parameters": self.parameters,
            "items": [asdict(i) for i in self.items],
            "agencies": [asdict(a) | {"ratio": a.ratio} for a in self.agencies],
        }


def _text(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


def analyse_alignment(snap: Snapshot, params: AlignmentParams) -> AlignmentResult:
    duties = snap["duty"]
    duties_of: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(duties):
        for agency in [d.get("agencyId"), *(d.get("supportAgencyIds") or [])]:
            if agency:
                duties_of[agency].append(i)
    own_capacity = {c["id"]: c["agencyId"] for c in snap["capacity"]}
    duty_ids = {d["id"]: i for i, d in enumerate(duties)}

    # (kind, id, title, provider, linked duty, text) for everything provided to someone
    provided: list[tuple[str, str, str, str, str | None, str]] = []
    for x in snap["exchange"]:
        if x.get("status") != "cancelled":
            provided.append(("exchange", x["id"], x["titleFa"], x["providerId"], x.get("dutyId"),
                             _text(x.get("titleFa"), x.get("descriptionFa"), x.get("titleEn"))))  # fmt: skip
    for r in snap["request"]:
        if r.get("status") == "done":
            provided.append(("request", r["id"], r["subject"], r["receiverId"], r.get("aboutId"), _text(r.get("subject"), r.get("body"))))

    vectors = tfidf([_text(d.get("titleFa"), d.get("descriptionFa"), d.get("titleEn")) for d in duties] + [p[5] for p in provided])
    duty_v, item_v = vectors[: len(duties)], vectors[len(duties) :]
    items: list[AlignmentItem] = []
    for n, (kind, ident, title, provider, linked, _) in enumerate(provided):
        mine = duties_of.get(provider, [])
        if linked and linked in duty_ids and duty_ids[linked] in mine:
            items.append(AlignmentItem(kind, ident, title, provider, True, linked, None, "linked to the provider's duty"))
            continue
        if linked and own_capacity.get(linked) == provider:
            items.append(AlignmentItem(kind, ident, title, provider, True, None, None, "about the provider's own capacity"))
            continue
        best, sim = None, 0.0
        if mine:
            sims = (item_v[n] @ duty_v[mine].T).toarray().ravel()
            k = int(np.argmax(sims))
            best, sim = duties[mine[k]]["id"], float(sims[k])
        if sim >= params.min_text:
            items.append(AlignmentItem(kind, ident, title, provider, True, best, round(sim, 4), f"resembles duty {best} ({sim:.2f})"))
        else:
            why = "the provider has no duties" if not mine else f"no duty of the provider resembles it (best {sim:.2f})"
            items.append(AlignmentItem(kind, ident, title, provider, False, best, round(sim, 4), why))
    return AlignmentResult(params.model_dump(), items, _per_agency(snap, items))


def _per_agency(snap: Snapshot, items: list[AlignmentItem]) -> list[AgencyAlignment]:
    names = {a["id"]: a["nameFa"] for a in snap["agency"]}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item in items:
        counts[item.provider][0] += int(item.aligned)
        counts[item.provider][1] += 1
    rows = [AgencyAlignment(a, names.get(a, a), c[0], c[1]) for a, c in counts.items()]
    return sorted(rows, key=lambda r: (r.ratio, -r.total, r.agency_id))
