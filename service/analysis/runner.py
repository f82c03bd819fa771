"""Run an analysis by name against the store: snapshot, verdicts and settings in, result out.

GraphQL, the downloads, the CLI and the notebooks all come through here, so they agree.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from service.analysis.alignment import AlignmentResult, analyse_alignment
from service.analysis.duplication import DuplicationResult, analyse_duplication
from service.analysis.snapshot import Snapshot, load_snapshot
from service.analysis.verdicts import load_verdicts
from service.analysis.winwin import WinWinResult, analyse_winwin
from service.registry.clock import today_iso
from service.settings import Settings
from service.storage.port import GraphStore


DUPLICATION_NEEDS = ("agency", "duty")
WINWIN_NEEDS = ("agency", "capacity", "need", "issue")


async def duplication(store: GraphStore, settings: Settings, snap: Snapshot | None = None) -> DuplicationResult:
    """``snap`` lets a caller that already read the records (a picture page) not read them twice."""
    snap = snap or await load_snapshot(store, DUPLICATION_NEEDS)
    return analyse_duplication(snap, settings.analysis.duplication, await load_verdicts(store))


async def spend(store: GraphStore, settings: Settings) -> Any:
    """Duplicated spend by COFOG group and Jalali year (the duplication analysis, summed)."""
    from service.analysis.money import spend_by_area

    snap = await load_snapshot(store, DUPLICATION_NEEDS)
    result = await duplication(store, settings, snap)
    return spend_by_area(result, {d["id"]: d["functionCode"] for d in snap["duty"]})


async def winwin(store: GraphStore, settings: Settings, snap: Snapshot | None = None) -> WinWinResult:
    snap = snap or await load_snapshot(store, WINWIN_NEEDS)
    return analyse_winwin(snap, settings.analysis.winwin)


async def alignment(store: GraphStore, settings: Settings) -> AlignmentResult:
    snap = await load_snapshot(store, ("agency", "duty", "capacity", "exchange", "request"))
    return analyse_alignment(snap, settings.analysis.alignment)


async def followup(store: GraphStore, settings: Settings) -> Any:
    from service.analysis.followup import analyse_followup

    snap = await load_snapshot(store, ("agency", "request"), with_steps=True)
    return analyse_followup(snap, today_iso())


async def issues(store: GraphStore, settings: Settings) -> Any:
    from service.analysis.issue_clusters import cluster_issues

    snap = await load_snapshot(store, ("agency", "issue"))
    return cluster_issues(snap)


async def collaboration(store: GraphStore, settings: Settings) -> Any:
    from service.analysis.collaboration import analyse_collaboration

    snap = await load_snapshot(store, ("agency", "exchange", "working_group"))
    return analyse_collaboration(snap)


ANALYSES: dict[str, Callable[[GraphStore, Settings], Awaitable[Any]]] = {
    "duplication": duplication,
    "spend": spend,
    "winwin": winwin,
    "alignment": alignment,
    "followup": followup,
    "issues": issues,
    "collaboration": collaboration,
}
