"""Working groups' meetings for the Popolo export (its events, issue 19): read beside the bundle,
kept only for the groups the (filtered) bundle holds."""

from __future__ import annotations

from service.interop.loader import Bundle
from service.registry import wg_reads
from service.registry.repository import Repository
from service.storage.port import GraphStore


async def with_meetings(store: GraphStore, bundle: Bundle) -> Bundle:
    """``bundle`` plus ``wgMeetings``: the meetings of its working groups, oldest first."""
    groups = [w["id"] for w in bundle.get("workingGroups", [])]
    rows = await wg_reads.listing(Repository(store), "wg_meeting", groupIds=groups) if groups else []
    return bundle | {"wgMeetings": sorted(rows, key=lambda m: (m["date"], m["id"]))}
