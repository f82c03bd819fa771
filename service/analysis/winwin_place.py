"""Where a capacity, a need or an issue is: the place its agency acts in, so win-win matches within a
place (a city and its districts) and the text work stays a city's size as the registry grows.

An agency's place is its ``geographyCode`` (where the body acts) when it states one; else where the
duties it leads or supports apply (a duty naming no geography is the registry's city, as the domain
model's default); else it is unknown. A province- or country-wide agency, and one
whose place is unknown, may meet any place (``candidates.places`` gives None): its records join every
place's block, so nothing it could match is lost. Without this the text top-k of one resource kind
ran over every need against every capacity of the country (stopped after 900 s, issue 16).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from service.analysis.candidates import by_place, joined, places
from service.analysis.snapshot import Snapshot
from service.analysis.vocab.geography import CITY

Place = tuple[str, ...] | None  # the places an agency acts in; None: any (wide, or not known)


def agency_places(snap: Snapshot) -> dict[str, Place]:
    """agency id → its places. The duties' geography comes from the compact rows ``duty_place``
    (``cypher/duty/places_for_winwin.cypher``: agencies without a code only) or from whole duty rows."""
    codes: dict[str, set[str]] = defaultdict(set)
    if "duty_place" in snap.rows:
        for row in snap["duty_place"]:
            codes[row["agencyId"]].update(row.get("geography") or ())
    else:
        for duty in snap["duty"]:
            for agency in (duty.get("agencyId"), *(duty.get("supportAgencyIds") or ())):
                if agency:  # no geography: the registry's city, as the domain model's default
                    codes[agency].update(duty.get("geography") or (CITY,))
    out: dict[str, Place] = {}
    for a in snap["agency"]:
        code = a.get("geographyCode")
        stated = [code] if code else sorted(codes.get(a["id"], ()))
        out[a["id"]] = places(stated) if stated else None
    return out


def parts(left: Sequence[Place], right: Sequence[Place]) -> list[tuple[list[int], list[int]]]:
    """The blocks to match in: for each place, the indices of ``left`` and ``right`` there, the wide
    ones (None) joining every place (``candidates.by_place``, as duplication blocks); one block of
    everything when no record has a place. Blocks in the order of their place's code; a block with
    nothing on one side is left out."""
    (left_at, left_wide), (right_at, right_wide) = by_place(range(len(left)), left), by_place(range(len(right)), right)
    names = sorted(set(left_at) | set(right_at))
    if not names:
        return [(left_wide, right_wide)] if left_wide and right_wide else []
    out = []
    for name in names:
        lhs, rhs = joined(left_at.get(name, []), left_wide), joined(right_at.get(name, []), right_wide)
        if lhs and rhs:
            out.append((lhs, rhs))
    return out
