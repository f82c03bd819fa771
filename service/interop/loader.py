"""Where every export starts: the registry as a bundle, narrowed by the graph pages' filters.

All formats read the same bundle (``service.registry.bundle.export_bundle``) so that what an
analyst downloads as GraphML, FtM or OCDS is the same set of records; ``filter_bundle`` takes
the query parameters of the graph pages (``/graph``) so a download matches the page it came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from service.registry.bundle import SECTIONS, export_bundle
from service.storage.port import GraphStore
from service.text.jalali import jalali_year

Row = dict[str, Any]
Bundle = dict[str, list[Row]]

# section -> the fields naming the agencies a record belongs to (its parties)
PARTIES: dict[str, tuple[str, ...]] = {
    "duties": ("agencyId", "supportAgencyIds"), "capacities": ("agencyId",), "needs": ("agencyId",),
    "issues": ("raisedById", "concernsIds"), "exchanges": ("providerId", "receiverId"),
    "requests": ("senderId", "receiverId"), "workingGroups": ("members",),
}  # fmt: skip
# section -> the field holding the date the Jalali-year filter reads (as on the graph pages)
DATED = {"exchanges": "date", "issues": "raisedOn", "requests": "filedOn"}
RECORDS = tuple(PARTIES)


async def load_bundle(store: GraphStore, include_archived: bool = True) -> Bundle:
    """The whole registry in the import shape; archived records only when asked (default: yes,
    so that an unfiltered export is the whole registry and imports back without loss)."""
    bundle = await export_bundle(store)
    if include_archived:
        return bundle
    return {s: [r for r in rows if not r.get("archived")] for s, rows in bundle.items()}


def parties(section: str, row: Row) -> Iterator[str]:
    """The agency ids a record of ``section`` touches."""
    for field in PARTIES.get(section, ()):
        value = row.get(field)
        values = value if isinstance(value, list) else [value]
        for v in values:
            ident = v.get("agencyId") if isinstance(v, dict) else v
            if ident:
                yield ident


def _year_ok(iso: str | None, year_from: int | None, year_to: int | None) -> bool:
    if not iso or (year_from is None and year_to is None):
        return True  # undated records stay, as on the graph pages
    year = jalali_year(iso)
    if year is None:  # a stored date no Jalali year holds: in none of the years a filter can name
        return False
    return (year_from is None or year >= year_from) and (year_to is None or year <= year_to)


def _record_ok(section: str, row: Row, exchange_kind: str | None, function: str | None,
               year_from: int | None, year_to: int | None) -> bool:  # fmt: skip
    if section == "exchanges" and exchange_kind and row.get("kind") != exchange_kind:
        return False
    if section == "duties" and function and not str(row.get("functionCode", "")).startswith(function):
        return False
    return _year_ok(row.get(DATED.get(section, "")), year_from, year_to)


def filter_bundle(
    bundle: Bundle,
    agency: str | None = None,
    kind: str | None = None,
    function: str | None = None,
    exchange_kind: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
) -> Bundle:
    """A view of the bundle, the graph pages' filters applied, same shape as the bundle.

    - ``exchange_kind``, ``year_from``/``year_to`` (Jalali, on exchange date, issue raisedOn,
      request filedOn), ``function`` (COFOG prefix, on duties) drop the records they exclude;
      ``kind`` and ``function`` narrow the agencies (``function``: those holding a kept duty).
    - A record stays while one of its agencies stays. ``agency`` keeps that agency, its records,
      its parent and sub-agencies, and the agencies on the other side of its records.
    - Every agency a kept record names is kept too, so parties resolve in every format; other
      references (a duty, a capacity) may point outside the view, and exporters drop those links.
    With no filter the bundle comes back unchanged.
    """
    if not any(v is not None and v != "" for v in (agency, kind, function, exchange_kind, year_from, year_to)):
        return bundle
    records = {s: [r for r in bundle.get(s, []) if _record_ok(s, r, exchange_kind, function, year_from, year_to)]
               for s in RECORDS}  # fmt: skip
    agencies = bundle.get("agencies", [])
    anchors = {a["id"] for a in agencies if not kind or a.get("kind") == kind}
    if function:
        anchors &= {p for d in records["duties"] for p in parties("duties", d)}
    if agency:
        anchors &= {agency}
    records = {s: [r for r in rows if anchors.intersection(parties(s, r))] for s, rows in records.items()}
    keep = set(anchors)
    if agency and agency in anchors:
        by_id = {a["id"]: a for a in agencies}
        keep |= {a["id"] for a in agencies if a.get("parentId") == agency}
        parent = by_id[agency].get("parentId")
        if parent:
            keep.add(parent)
    for section, rows in records.items():
        for row in rows:
            keep.update(parties(section, row))
    view: Bundle = {"agencies": [a for a in agencies if a["id"] in keep]}
    view.update(records)
    return {s: view.get(s, []) for s in SECTIONS}


def node_ids(bundle: Bundle) -> set[str]:
    """Every record id in the bundle: what a link may point at."""
    return {r["id"] for rows in bundle.values() for r in rows}
