"""Run an analysis by name against the store: snapshot, verdicts and settings in, result out.

GraphQL, the downloads, the CLI and the notebooks all come through here, so they agree. Each
analysis module is imported when it first runs (scipy, networkx and numpy took about 0.5 s of the
service's start, for routes most requests never take).

Who may run them: the directorate and analysts (``Query.analyses`` and ``/analyses/*`` refuse
every other role with FORBIDDEN), since an analysis of the whole registry is made of the private
records of every agency. The one analysis an agency gets is its win-win opportunities on the
portal, and that one runs on the agency's own view: each function takes a store (the whole
registry) or a reader's Repository, whose snapshot holds only what that reader may read. A
refusal would have taken the portal's opportunities away; a registry-wide run shown redacted
would still have told the agency which others have private needs its capacities answer.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from service.analysis.announce import announce
from service.analysis.snapshot import Snapshot, load_snapshot, repository_of
from service.analysis.verdicts import load_verdicts
from service.registry.clock import today_iso
from service.registry.repository import Repository
from service.settings import Settings
from service.storage.port import GraphStore

if TYPE_CHECKING:
    from service.analysis.alignment import AlignmentResult
    from service.analysis.duplication import DuplicationResult
    from service.analysis.winwin import WinWinResult


DUPLICATION_NEEDS = ("agency", "duty")
WINWIN_NEEDS = ("agency", "duty", "capacity", "need", "issue", "exchange", "request")  # the picture's whole snapshot


async def duplication(source: GraphStore | Repository, settings: Settings, snap: Snapshot | None = None) -> DuplicationResult:
    """``snap`` lets a caller that already read the records (a picture page) not read them twice.
    Its parts share ``settings.analysis_processes`` processes (``forked``)."""
    reading = None
    if snap is None:  # the store starts on the duties while numpy, scipy and the analysis are imported
        reading = asyncio.ensure_future(load_snapshot(source, DUPLICATION_NEEDS))
        await asyncio.sleep(0)
    try:
        from service.analysis.duplication import analyse_duplication
        from service.analysis.vocab.terms import load_terms, thesaurus_with, vocabularies

        store = repository_of(source).store
        terms = await load_terms(store)  # the shipped vocabularies and the directorate's terms, read on each run
        verdicts = await load_verdicts(store)
        if reading is not None:
            snap = await reading
        assert snap is not None
    finally:
        if reading is not None and not reading.done():
            reading.cancel()
    with vocabularies(terms):
        result = analyse_duplication(snap, settings.analysis.duplication, verdicts, thesaurus_with(terms),
                                     settings.analysis_processes)  # fmt: skip
    announce(source, "duplication", len(result.findings))
    return result


async def spend(source: GraphStore | Repository, settings: Settings) -> Any:
    """Duplicated spend by COFOG group and Jalali year (the duplication analysis, summed)."""
    from service.analysis.money import spend_by_area

    result = await duplication(source, settings)
    return spend_by_area(result, result.groups)


async def winwin(source: GraphStore | Repository, settings: Settings, snap: Snapshot | None = None,
                 whole: bool = False) -> WinWinResult:  # fmt: skip
    """``whole``: the caller writes the whole result and then ends (the command line), so the
    sensitivity table is solved as soon as the plan is known rather than when first read, two of its
    scenarios in a forked process. The matching's parts share ``settings.analysis_processes``."""
    from service.analysis.winwin_read import exchanges_between, load_winwin_snapshot

    today, params = settings.today or today_iso(), settings.analysis.winwin
    reading = None
    if snap is None:  # the store starts on the records while numpy, scipy and the analysis are imported (0.7 s)
        reading = asyncio.ensure_future(load_winwin_snapshot(source, today))
        for _ in range(4):
            await asyncio.sleep(0)  # let each statement be sent before the imports hold the loop
    try:
        from service.analysis.vocab.terms import load_terms, thesaurus_with, vocabularies
        from service.analysis.winwin import analyse_winwin, match

        terms = await load_terms(repository_of(source).store)
        with vocabularies(terms):
            thesaurus = thesaurus_with(terms)
            if reading is None:  # a caller's whole snapshot (the picture): every exchange is in it
                assert snap is not None
                result = analyse_winwin(snap, params, today, thesaurus, sensitivity_now=whole)
            else:  # only what win-win reads (winwin_read.py): the records, the matching, then the exchanges of its pairs
                snap = await reading
                matched = match(snap, params, today, thesaurus, workers=settings.analysis_processes)
                snap.rows["exchange"] = await exchanges_between(source, snap, matched.pairs, today)
                result = analyse_winwin(snap, params, today, thesaurus, matched, sensitivity_now=whole,
                                        workers=settings.analysis_processes)  # fmt: skip
    finally:
        if reading is not None and not reading.done():
            reading.cancel()
    announce(source, "winwin", len(result.opportunities))
    return result


async def alignment(source: GraphStore | Repository, settings: Settings) -> AlignmentResult:
    from service.analysis.alignment import analyse_alignment
    from service.analysis.vocab.terms import load_terms, thesaurus_with, vocabularies
    from service.registry.city_plans import load_plans, shipped_plans

    snap = await load_snapshot(source, ("agency", "duty", "capacity", "need", "issue", "exchange", "request"))
    store = repository_of(source).store
    terms = await load_terms(store)
    stored = await load_plans(store)  # the plans are public documents: the whole store's
    with vocabularies(terms):
        result = analyse_alignment(snap, settings.analysis.alignment, stored or shipped_plans(), thesaurus_with(terms))
    result.parameters["plansSource"] = "store" if stored else "shipped file service/data/plans.json (the store holds no plans)"
    return result


async def followup(source: GraphStore | Repository, settings: Settings) -> Any:
    from service.analysis.followup import analyse_followup

    snap = await load_snapshot(source, ("agency", "request"), with_steps=True)
    return analyse_followup(snap, settings.today or today_iso())


async def issues(source: GraphStore | Repository, settings: Settings) -> Any:
    from service.analysis.issue_clusters import cluster_issues

    snap = await load_snapshot(source, ("agency", "issue"))
    return cluster_issues(snap)


async def collaboration(source: GraphStore | Repository, settings: Settings) -> Any:
    from service.analysis.collaboration import analyse_collaboration

    snap = await load_snapshot(source, ("agency", "exchange", "working_group"))
    return analyse_collaboration(snap)


ANALYSES: dict[str, Callable[[GraphStore | Repository, Settings], Awaitable[Any]]] = {
    "duplication": duplication,
    "spend": spend,
    "winwin": winwin,
    "alignment": alignment,
    "followup": followup,
    "issues": issues,
    "collaboration": collaboration,
}


async def _winwin_whole(source: GraphStore | Repository, settings: Settings) -> WinWinResult:
    return await winwin(source, settings, whole=True)


# The same analyses for the command line, which writes the whole result and then ends: what a result
# computes on first use starts at once (win-win's sensitivity, two scenarios in a forked process).
# Not for the server: a download whose reader leaves would leave those solves running with nobody
# to read them.
WHOLE: dict[str, Callable[[GraphStore | Repository, Settings], Awaitable[Any]]] = ANALYSES | {"winwin": _winwin_whole}
