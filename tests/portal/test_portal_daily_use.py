"""The portal as agency staff live in it (issue 17 items 12-17): no preselected move and a second
question before a final one, the filing in the history, a searchable receiver list without
stakeholder groups and «about» narrowed to the receiver, Persian units, a phone-width page,
new-request markers and counts, and a dashboard sorted and filtered with overdue first."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx

from service.text.persian import to_persian_digits
from tests.conftest import GraphQL, LiveServer
from tests.portal.conftest import agency_token, csrf_of
from tests.portal.test_portal_browser import sign_in as browser_sign_in
from tests.portal.test_portal_http import post_form
from tests.web.look import look, shoot


def _file(client: httpx.Client, receiver: str, subject: str) -> str:
    created = post_form(client, "/portal/requests/new", {"receiverId": receiver, "subject": subject})
    assert created.status_code == 303, created.text
    return created.headers["location"].split("/portal/requests/")[1].split("?")[0]


def test_no_move_is_preselected_and_withdrawing_asks_first(portal: GraphQL, agency_client: Any) -> None:
    parks = agency_client("ag-parks")
    request_id = _file(parks, "ag-fire", "درخواست آزمایشی")
    page = parks.get(f"/portal/requests/{request_id}").text
    assert '<option value="" selected>' in page and '<option value="withdrawn" selected' not in page
    assert 'id="step-filed"' in page and "ثبت درخواست" in page  # the filing is the history's first line
    asked = parks.post(f"/portal/requests/{request_id}/move", data={"csrf": csrf_of(page), "to": "withdrawn", "version": "1"})
    assert asked.status_code == 200 and 'id="confirm-form"' in asked.text and "نمی‌توان پس گرفت" in asked.text
    status = portal.ok("query($id: ID!) { request(id: $id) { status } }", id=request_id)["request"]["status"]
    assert status == "SUBMITTED"  # nothing happened yet
    done = parks.post(f"/portal/requests/{request_id}/move",
                      data={"csrf": csrf_of(asked.text), "to": "withdrawn", "version": "1", "confirm": "yes"})  # fmt: skip
    assert done.status_code == 303
    assert portal.ok("query($id: ID!) { request(id: $id) { status } }", id=request_id)["request"]["status"] == "WITHDRAWN"


def test_receivers_are_searchable_agencies_and_about_follows_the_receiver(portal: GraphQL, agency_client: Any) -> None:
    parks = agency_client("ag-parks")
    form = parks.get("/portal/requests/new").text
    listed = re.findall(r'<datalist id="list-receiverId">(.*?)</datalist>', form, re.DOTALL)[0]
    assert "شرکت آب و فاضلاب مشهد" in listed and "شهروندان" not in listed and "سازمان پارک‌ها" not in listed
    assert 'type="search" list="list-receiverId"' in form
    ict_caps = portal.ok('{ capacities(filter: {agencyId: "ag-ict"}) { nodes { id } } }')["capacities"]["nodes"]
    other_caps = portal.ok('{ capacities(filter: {agencyId: "ag-abfa"}) { nodes { id } } }')["capacities"]["nodes"]
    assert ict_caps and other_caps
    assert not any(f'value="{c["id"]}"' in form for c in ict_caps + other_caps)  # no receiver yet: no capacities
    narrowed = parks.get("/portal/requests/new", params={"receiverId": "فناوری اطلاعات و ارتباطات", "subject": "x"}).text
    assert all(f'value="{c["id"]}"' in narrowed for c in ict_caps)
    assert not any(f'value="{c["id"]}"' in narrowed for c in other_caps)
    assert 'value="x"' in narrowed  # what was typed survives the refresh
    refused = post_form(parks, "/portal/requests/new", {"receiverId": "شهروندان", "subject": "به شهروندان"})
    assert refused.status_code == 422 and 'id="err-receiverId"' in refused.text
    by_name = post_form(parks, "/portal/requests/new", {"receiverId": "شركت آب و فاضلاب", "subject": "با نام"})  # Arabic kaf
    assert by_name.status_code == 303


def test_units_are_persian(portal: GraphQL, agency_client: Any) -> None:
    board = agency_client("ag-parks").get("/portal/dashboard").text
    assert "متر مربع" in board and not re.search(r">\s*[\d۰-۹٬]+\s+m2\s*<", board)
    abfa = agency_client("ag-abfa").get("/portal/dashboard").text
    assert "متر مکعب در روز" in abfa and "m3_per_day" not in abfa and "کیلومتر" in abfa


def test_new_requests_are_marked_and_counted_overdue_first(portal: GraphQL, agency_client: Any) -> None:
    parks = agency_client("ag-parks")
    _file(parks, "ag-abfa", "درخواست تازه برای آبفا")
    abfa = agency_client("ag-abfa")
    received = portal.ok('{ requests(filter: {receiverId: "ag-abfa"}, first: 100) { nodes { id status overdue } } }')
    fresh = sum(1 for r in received["requests"]["nodes"] if r["status"] == "SUBMITTED")
    board = abfa.get("/portal/dashboard").text
    assert 'id="nav-new"' in board and f"{to_persian_digits(str(fresh))} تازه" in board
    rows = re.findall(r'<tr data-request="([^"]+)"( class="overdue")?>', board.split('id="received"')[1].split("</section>")[0])
    flags = [bool(late) for _, late in rows]
    assert flags == sorted(flags, reverse=True), "overdue requests come first"
    assert "درخواست تازه برای آبفا" in board and 'class="badge new"' in board
    only_late = abfa.get("/portal/dashboard", params={"overdue": "1"}).text.split('id="received"')[1].split("</section>")[0]
    late_ids = {r["id"] for r in received["requests"]["nodes"] if r["overdue"]}
    assert set(re.findall(r'<tr data-request="([^"]+)"', only_late)) == late_ids
    by_status = abfa.get("/portal/dashboard", params={"status": "done"}).text.split('id="received"')[1].split("</section>")[0]
    assert all(s == "done" for s in re.findall(r'data-status="([^"]+)"', by_status))


def test_portal_at_phone_width(portal: GraphQL, live: LiveServer, browser: Any, offline: Any, tmp_path: Path) -> None:
    assert portal.settings is not None
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fa-IR", is_mobile=True)
    context.route("**/*", offline)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        browser_sign_in(page, live, agency_token(portal.settings, "ag-abfa"))
        for path in ("/portal/dashboard", "/portal/requests/new", "/portal/requests/rq-abfa-gis"):
            page.goto(live.url + path)
            seen = look(page)
            shoot(page, tmp_path, path.strip("/").replace("/", "-"))
            assert seen["scrollWidth"] <= 390, f"{path} is {seen['scrollWidth']} px wide at 390"
            assert seen["direction"] == "rtl" and seen["vazirmatnLoaded"], (path, seen)
        assert errors == [], errors
    finally:
        context.close()


def test_the_new_parts_speak_english_when_switched(portal: GraphQL, agency_client: Any) -> None:
    abfa = agency_client("ag-abfa")
    board = abfa.get("/portal/dashboard", params={"lang": "en"})
    assert board.status_code == 200 and 'dir="ltr"' in board.text and "Overdue only" in board.text
    assert "m³/day" in board.text and "متر مکعب" not in board.text
    form = abfa.get("/portal/requests/new", params={"lang": "en"}).text
    assert "List this receiver" in form and "Agency name…" in form
    asked = abfa.get("/portal/requests/rq-abfa-gis", params={"lang": "en"}).text
    assert "Request filed" in asked
