"""The portal's commitments page (#19.3): an agency sees the commitments it owes, marks one kept and
logs a follow-up; another agency's commitment is the same 404 as a missing one; CSRF is checked."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from tests.browser import browser_page, needs_chromium
from tests.conftest import GraphQL, LiveServer
from tests.portal.conftest import agency_token, csrf_of
from tests.web.look import look, shoot


def test_agency_sees_its_commitments_and_marks_one_kept(portal: GraphQL, agency_client: Any) -> None:
    ict = agency_client("ag-ict")
    page = ict.get("/portal/commitments")
    assert page.status_code == 200 and 'id="commitment-cm-137-answers"' in page.text
    assert "cm-plan-report" not in page.text  # owed by the planning deputy
    assert "۱۴۰۵/۰۹/۳۰" in page.text and "شهروندان" in page.text and 'id="nav-commitments"' in page.text
    csrf = csrf_of(page.text)
    forged = ict.post("/portal/commitments/cm-137-answers/kept", data={"csrf": "forged", "version": "1"})
    assert forged.status_code == 403
    done = ict.post("/portal/commitments/cm-137-answers/kept", data={"csrf": csrf, "version": "1", "note": "پاسخ‌ها داده شد"})
    assert done.status_code == 303 and done.headers["location"] == "/portal/commitments?flash=done_kept"
    after = ict.get(done.headers["location"])
    assert "تعهد عمل‌شده ثبت شد." in after.text and 'data-status="kept"' in after.text and "پاسخ‌ها داده شد" in after.text
    stale = ict.post("/portal/commitments/cm-137-answers/kept", data={"csrf": csrf, "version": "1"})
    assert stale.status_code == 409  # already kept by then: the version moved on
    state = portal.ok('{ commitments(ownerId: "ag-ict") { status history { status role } } }')["commitments"][0]
    assert state["status"] == "KEPT" and state["history"][-1] == {"status": "KEPT", "role": "agency"}


def test_agency_logs_a_follow_up_and_cannot_touch_another_agencys(portal: GraphQL, agency_client: Any) -> None:
    planning = agency_client("ag-dep-planning")
    csrf = csrf_of(planning.get("/portal/commitments").text)
    logged = planning.post("/portal/commitments/cm-plan-report/engagement",
                           data={"csrf": csrf, "kind": "meeting", "date": "۱۴۰۵/۰۹/۰۹", "note": "گزارش به کمیسیون تحویل شد"})
    assert logged.status_code == 303
    entries = portal.ok('{ stakeholder(id: "sh-council") { engagements { agencyId commitmentId dateJalali noteFa } } }')
    assert entries["stakeholder"]["engagements"][0] == {"agencyId": "ag-dep-planning", "commitmentId": "cm-plan-report",
                                                        "dateJalali": "1405/09/09", "noteFa": "گزارش به کمیسیون تحویل شد"}
    bad = planning.post("/portal/commitments/cm-plan-report/engagement", data={"csrf": csrf, "kind": "meeting", "date": "دیروز", "note": "x"})
    assert bad.status_code == 422 and 'role="alert"' in bad.text
    other = planning.post("/portal/commitments/cm-137-answers/kept", data={"csrf": csrf, "version": "1"})
    missing = planning.post("/portal/commitments/cm-nowhere/kept", data={"csrf": csrf, "version": "1"})
    assert other.status_code == missing.status_code == 404
    parks = agency_client("ag-parks")
    assert 'id="no-commitments"' in parks.get("/portal/commitments").text


@needs_chromium
def test_commitments_page_on_a_phone_in_chromium(portal: GraphQL, live: LiveServer, tmp_path: Path) -> None:
    """At 390 px: Persian, right to left, nothing wider than the screen; the agency marks its commitment kept."""
    assert portal.settings is not None
    token = agency_token(portal.settings, "ag-ict")
    with browser_page(live.url, width=390, height=844) as (page, traffic):
        page.goto(f"{live.url}/portal/login")
        page.fill("#token", token)
        page.click("#sign-in")
        page.wait_for_url(re.compile(r"/portal/dashboard$"))
        page.click("#nav-commitments")
        seen = look(page)
        shoot(page, Path(os.environ.get("HAMAHANG_SHOTS", tmp_path)), "portal-commitments")
        page.fill("#note-cm-137-answers", "پاسخ همه درخواست‌ها داده شد")
        page.click("#kept-cm-137-answers")
        page.wait_for_selector('#commitment-cm-137-answers[data-status="kept"]')
        flash = page.text_content("#flash")
        history = page.text_content("#commitment-cm-137-answers ul.steps")
    assert traffic.blocked == [] and traffic.errors == []
    assert seen["direction"] == "rtl" and seen["lang"] == "fa" and seen["scrollWidth"] <= seen["width"]
    assert "تعهدها به ذی‌نفعان" in seen["text"] and "۱۴۰۵/۰۹/۳۰" in seen["text"]
    assert flash == "تعهد عمل‌شده ثبت شد."
    assert history is not None and "عمل‌شده" in history and not re.search("[0-9]", history)  # Persian digits only
