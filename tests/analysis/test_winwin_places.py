"""Win-win matches within a place (``winwin_place.py``): a capacity in another city never meets a need,
nor crowds the same city's offers out of its candidates; a province-wide agency, or one whose place
is unknown, meets every city. The store's compact read gives the same answer as the records in memory."""

from __future__ import annotations

from typing import Any

from service.analysis import runner
from service.analysis.memory import snapshot_of
from service.analysis.winwin import analyse_winwin
from service.analysis.winwin_place import agency_places, parts
from service.registry.bundle import import_bundle
from service.settings import Settings, WinWinParams
from tests.conftest import DEMO_TODAY, run_on_store
from tests.factories import agency

RIG = "دستگاه حفاری افقی بدون ترانشه"
COPIES = 15  # more than the text and the concept candidates a need looks at (10 each)


def _agency(ident: str, code: str | None) -> dict[str, Any]:
    row = agency(ident, ident.upper(), f"دستگاه {ident}")
    if code:
        row["geographyCode"] = code
    return row


def _bundle() -> dict[str, list[dict[str, Any]]]:
    """A need in Neyshabur; a reworded offer there; the very same text offered by fifteen agencies of
    Sabzevar (ids first in order, so they win every tie); by a province-wide agency; by an agency
    stating no place whose duties lie in Sabzevar; and by one stating nothing at all."""
    agencies = [_agency("ag-need", "neyshabur"), _agency("ag-near", "neyshabur"), _agency("ag-prov", "province"),
                _agency("ag-dutyplace", None), _agency("ag-unknown", None), _agency("ag-nogeo", None)]
    agencies += [_agency(f"ag-s{i:02d}", "sabzevar") for i in range(COPIES)]
    caps = [{"id": f"ca-a{i:02d}", "agencyId": f"ag-s{i:02d}", "titleFa": RIG, "kind": "equipment"} for i in range(COPIES)]
    caps += [
        {"id": "ca-near", "agencyId": "ag-near", "titleFa": "دستگاه‌های حفاری افقی بی‌ترانشه برای عبور لوله", "kind": "equipment"},
        {"id": "ca-prov", "agencyId": "ag-prov", "titleFa": RIG, "kind": "equipment"},
        {"id": "ca-dutyplace", "agencyId": "ag-dutyplace", "titleFa": RIG, "kind": "equipment"},
        {"id": "ca-unknown", "agencyId": "ag-unknown", "titleFa": RIG, "kind": "equipment"},
    ]  # fmt: skip
    return {
        "agencies": agencies,
        "duties": [{"id": "du-s", "agencyId": "ag-dutyplace", "titleFa": "نگهداری شبکهٔ فاضلاب", "functionCode": "05.2",
                    "geography": ["sabzevar"]},
                   {"id": "du-none", "agencyId": "ag-nogeo", "titleFa": "آموزش شهروندی", "functionCode": "09.5", "geography": []}],
        "capacities": caps,
        "needs": [{"id": "ne-rig", "agencyId": "ag-need", "titleFa": RIG, "kind": "equipment", "neededFrom": "1405/06/01"}],
    }  # fmt: skip


def _offers(result: Any) -> set[str]:
    return {m.capacity_id for m in result.matches if m.target_id == "ne-rig"}


def test_parts_put_the_wide_in_every_place() -> None:
    assert parts([("a",), None, ("b",)], [("b",), ("a", "b"), None]) == [([0, 1], [1, 2]), ([1, 2], [0, 1, 2])]
    assert parts([None], [None, None]) == [([0], [0, 1])]  # nobody has a place: one block of everything
    assert parts([("a",)], [("b",)]) == []  # two cities, nothing wide: nothing to match


def test_a_need_meets_its_own_city_and_the_wide_not_another_city() -> None:
    snap = snapshot_of(_bundle())
    where = agency_places(snap)
    assert where["ag-need"] == ("neyshabur",) and where["ag-dutyplace"] == ("sabzevar",)
    assert where["ag-prov"] is None and where["ag-unknown"] is None
    assert where["ag-nogeo"] == ("city",)  # a duty naming no geography: the registry's city, the model's default
    offers = _offers(analyse_winwin(snap, WinWinParams(), DEMO_TODAY))
    # before: the fifteen Sabzevar copies filled the need's candidates and ca-near was never looked at
    assert offers == {"ca-near", "ca-prov", "ca-unknown"}


def test_the_store_read_places_agencies_as_the_records_do(settings: Settings) -> None:
    from service.analysis.winwin_read import load_winwin_snapshot

    async def work(store: Any) -> tuple[set[str], dict[str, Any]]:
        await store.wipe()
        await import_bundle(store, _bundle())
        where = agency_places(await load_winwin_snapshot(store, DEMO_TODAY))
        return _offers(await runner.winwin(store, settings.model_copy(update={"today": DEMO_TODAY}))), where

    offers, where = run_on_store(settings, work)
    snap = snapshot_of(_bundle())
    assert offers == _offers(analyse_winwin(snap, WinWinParams(), DEMO_TODAY))
    assert where == agency_places(snap) and where["ag-nogeo"] == ("city",)
