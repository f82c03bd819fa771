"""The sweep over a real store through real GraphQL: each kind reaches the right inbox, once; two
sweeps at the same time (two apps on one store) write nothing twice; escalation goes up to the
receiver's parent and the directorate; an agency reads and marks only its own inbox."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from service.settings import Settings
from tests.conftest import GraphQL, LiveServer, run_on_store
from tests.notify.conftest import DUE, Town, notify_settings

SWEEP = "mutation { sweepNotifications { found created queued sources since until } }"
INBOX = """query($unread: Boolean = false) { notifications(unreadOnly: $unread, first: 100) {
  totalCount unreadCount nodes { id kind titleFa titleEn link recordId dueDate read createdJalali } } }"""
PERSIAN_DIGITS = re.compile("[۰-۹]")


def inbox(gql: GraphQL) -> dict[str, Any]:
    page: dict[str, Any] = gql.ok(INBOX)["notifications"]
    return page


def kinds(page: dict[str, Any]) -> dict[str, set[str]]:
    """kind -> the request ids it was about."""
    out: dict[str, set[str]] = {}
    for node in page["nodes"]:
        out.setdefault(node["kind"], set()).add(node["recordId"])
    return out


def test_each_kind_reaches_the_right_inbox_once(town: Town) -> None:
    parks, water, city = town.agency("ag-parks"), town.agency("ag-water"), town.agency("ag-city")
    r = town.requests
    moved = parks.ok('mutation($id: ID!) { moveRequest(id: $id, to: ACKNOWLEDGED) { status } }', id=r["new"])
    assert moved["moveRequest"]["status"] == "ACKNOWLEDGED"

    first = town.gql.ok(SWEEP)["sweepNotifications"]
    assert first["created"] == first["found"] > 0
    assert first["sources"][0] == "requests"

    got = kinds(inbox(parks))
    assert got["REQUEST_NEW"] == set(r.values())  # every request filed is news to its receiver
    assert got["REQUEST_DUE_SOON"] == {r["soon"]}
    assert got["REQUEST_OVERDUE"] == {r["late"], r["escalated"]}
    assert "REQUEST_MOVED" not in got  # parks moved it itself: the other party hears of it
    assert "REQUEST_ESCALATED" not in got  # escalation goes over the receiver's head

    got = kinds(inbox(water))
    assert got == {"REQUEST_MOVED": {r["new"]}, "REQUEST_OVERDUE": {r["late"], r["escalated"]}}

    assert kinds(inbox(city)) == {"REQUEST_ESCALATED": {r["escalated"]}}  # parks's parent
    assert kinds(inbox(town.gql)) == {"REQUEST_ESCALATED": {r["escalated"]}}  # the directorate

    page = inbox(parks)
    assert page["unreadCount"] == page["totalCount"] == len(page["nodes"]) == len(DUE) + 1 + 2
    soon = next(n for n in page["nodes"] if n["kind"] == "REQUEST_DUE_SOON")
    assert "۱۴۰۵/۰۹/۱۱" in soon["titleFa"] and "درخواست soon" in soon["titleFa"]  # Jalali, Persian digits
    assert soon["link"] == f"/portal/requests/{r['soon']}" and soon["dueDate"] == "2026-12-02"
    assert PERSIAN_DIGITS.search(soon["createdJalali"])
    escalated = inbox(town.gql)["nodes"][0]
    assert "۲۰ روز" in escalated["titleFa"] and "سازمان پارک‌ها" in escalated["titleFa"]
    assert "20 days" in escalated["titleEn"] and escalated["link"] == "/graph/agency/ag-parks"

    again = town.gql.ok(SWEEP)["sweepNotifications"]
    assert again["created"] == 0 and again["found"] == first["found"]  # the windows overlap; the keys keep each once
    assert inbox(parks)["totalCount"] == page["totalCount"]


def test_two_apps_sweeping_at_once_write_each_notification_once(town: Town, live: LiveServer, notify_app: LiveServer) -> None:
    """Two workers (the session's app and the follow-up app, one store) sweep together, four times each."""
    token = town.gql.token

    def sweep(url: str) -> dict[str, Any]:
        import httpx

        with httpx.Client(base_url=url, timeout=60) as client:
            return GraphQL(client, token).ok(SWEEP)["sweepNotifications"]

    with ThreadPoolExecutor(max_workers=4) as pool:
        reports = list(pool.map(sweep, [live.url, notify_app.url] * 4))
    found = {r["found"] for r in reports[:2]}
    total_created = sum(r["created"] for r in reports)
    parks, water, city = inbox(town.agency("ag-parks")), inbox(town.agency("ag-water")), inbox(town.agency("ag-city"))
    directorate = inbox(town.gql)
    stored = parks["totalCount"] + water["totalCount"] + city["totalCount"] + directorate["totalCount"]
    assert total_created == stored == max(found), (reports, stored)
    assert stored == (4 + 1 + 2) + 2 + 1 + 1
    for page in (parks, water, city, directorate):
        keys = [(n["kind"], n["recordId"]) for n in page["nodes"]]
        assert len(keys) == len(set(keys)), keys


def test_an_agency_reads_and_marks_only_its_own_inbox(town: Town) -> None:
    town.gql.ok(SWEEP)
    parks, water = town.agency("ag-parks"), town.agency("ag-water")
    mine, theirs = inbox(parks), inbox(water)
    assert {n["id"] for n in mine["nodes"]}.isdisjoint({n["id"] for n in theirs["nodes"]})
    # water's ids, sent by parks: nothing changes, as if they did not exist
    marked = parks.ok("mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }", ids=[n["id"] for n in theirs["nodes"]])
    assert marked["markNotificationsRead"] == 0
    assert inbox(water)["unreadCount"] == theirs["totalCount"]
    one = mine["nodes"][0]["id"]
    assert parks.ok("mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }", ids=[one])["markNotificationsRead"] == 1
    after = inbox(parks)
    assert after["unreadCount"] == mine["totalCount"] - 1 and next(n for n in after["nodes"] if n["id"] == one)["read"]
    assert parks.ok("{ unreadNotificationCount }")["unreadNotificationCount"] == after["unreadCount"]
    assert parks.ok("mutation { markNotificationsRead(all: true) }")["markNotificationsRead"] == after["unreadCount"]
    assert inbox(parks)["unreadCount"] == 0 and inbox(water)["unreadCount"] == theirs["totalCount"]
    # an analyst has its own (empty) inbox; only the directorate sweeps
    analyst = town.gql.as_role("analyst")
    assert inbox(analyst)["totalCount"] == 0
    errors = parks.errors(SWEEP)
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"


def test_a_restarted_app_carries_on_from_the_mark_in_the_graph(town: Town, settings: Settings) -> None:
    """The sweep's mark is in the store: a new app on the same data dir, its timer on, sweeps at start
    and writes nothing it wrote before (nor mails a digest twice)."""
    first = town.gql.ok(SWEEP)["sweepNotifications"]
    marks = town.gql.ok("{ notificationDigests { recipient status } }")["notificationDigests"]
    before = inbox(town.agency("ag-parks"))["totalCount"]
    restarted = notify_settings(settings, None, schedule=True, sweep_interval_s=3600)
    with LiveServer(restarted) as server:
        scheduler = server.app.state.scheduler
        import time

        deadline = time.monotonic() + 30
        while scheduler.sweeps < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert scheduler.sweeps >= 1
    assert inbox(town.agency("ag-parks"))["totalCount"] == before
    mark = sweep_state(settings)
    assert mark["sweeps"] == 2 and mark["lastSweptAt"] > first["until"]  # the restarted app swept, from the stored mark on
    last = town.gql.ok(SWEEP)["sweepNotifications"]
    assert last["created"] == 0
    assert town.gql.ok("{ notificationDigests { recipient status } }")["notificationDigests"] == marks


def sweep_state(settings: Settings) -> dict[str, Any]:
    async def work(store: Any) -> dict[str, Any]:
        rows = await store.read("sweep/get", {"id": "notify"})
        node: dict[str, Any] = rows[0]["node"]
        return node

    return dict(run_on_store(settings, work))


def test_the_timer_sweeps_by_itself_and_a_new_request_arrives_within_seconds(town: Town, settings: Settings) -> None:
    """The lifespan's scheduler (its interval an hour here): it sweeps at start, and a request filed
    through the app wakes it, so the receiver's inbox has the request seconds later."""
    import time

    import httpx

    with LiveServer(notify_settings(settings, None, schedule=True, sweep_interval_s=3600)) as server:
        scheduler = server.app.state.scheduler
        deadline = time.monotonic() + 30
        while scheduler.sweeps < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert kinds(inbox(town.agency("ag-parks")))["REQUEST_NEW"] == set(town.requests.values())
        with httpx.Client(base_url=server.url, timeout=30) as client:
            filed = GraphQL(client, town.gql.token).ok(
                'mutation { fileRequest(input: {senderId: "ag-city", receiverId: "ag-parks", subject: "تازه‌تر"}) { id } }')
        started = time.monotonic()
        while time.monotonic() - started < 20:
            if filed["fileRequest"]["id"] in kinds(inbox(town.agency("ag-parks"))).get("REQUEST_NEW", set()):
                break
            time.sleep(0.2)
        waited = time.monotonic() - started
        assert waited < 20, "the new request never reached the inbox"
        print(f"new request in the receiver's inbox after {waited:.1f} s (interval 3600 s)")
        deadline = time.monotonic() + 10  # the counter moves when the sweep has finished (after its writes)
        while scheduler.sweeps < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert scheduler.sweeps >= 2
