"""The portal where agencies take part in their working groups (issue 19 item 7): the supervisor
approves a report, the secretariat publishes it, an owner moves its decision; refusals shown on the page."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import GraphQL, LiveServer, make_token
from tests.portal.conftest import csrf_of, sign_in

REPORTS = "{ transparencyReports { id groupId status version } }"


@pytest.fixture()
def signed(demo: GraphQL, live: LiveServer) -> Iterator[object]:
    clients: list[httpx.Client] = []

    def make(agency_id: str) -> httpx.Client:
        assert demo.settings is not None
        client = sign_in(live.url, make_token(demo.settings, "agency", agency_id))
        clients.append(client)
        return client

    yield make
    for c in clients:
        c.close()


def _report(demo: GraphQL, group: str) -> dict[str, object]:
    return next(r for r in demo.ok(REPORTS)["transparencyReports"] if r["groupId"] == group)


def test_supervisor_approves_secretariat_publishes_owner_moves(demo: GraphQL, signed) -> None:  # type: ignore[no-untyped-def]
    draft = _report(demo, "wg-wsc-knowledge")
    assert draft["status"] == "DRAFTED"
    abfa = signed("ag-abfa")
    page = abfa.get("/portal/groups")
    assert page.status_code == 200 and 'id="to-approve"' in page.text and f'id="approve-{draft["id"]}"' in page.text
    assert "ناظر" in page.text and "کارگروه دانش‌بنیان و صنایع خلاق" in page.text
    # without the CSRF field: refused, nothing changes
    assert abfa.post(f"/portal/groups/reports/{draft['id']}/approve", data={"version": "1"}).status_code == 403
    assert _report(demo, "wg-wsc-knowledge")["status"] == "DRAFTED"
    done = abfa.post(f"/portal/groups/reports/{draft['id']}/approve", data={"csrf": csrf_of(page.text), "version": str(draft["version"])})
    assert done.status_code == 303 and done.headers["location"] == "/portal/groups?flash=done"
    assert _report(demo, "wg-wsc-knowledge")["status"] == "APPROVED"
    # the secretariat publishes it; then it is on the public page
    fum = signed("ag-fum-water")
    page = fum.get("/portal/groups")
    assert f'id="publish-{draft["id"]}"' in page.text and f'id="approve-{draft["id"]}"' not in page.text
    fum.post(f"/portal/groups/reports/{draft['id']}/publish", data={"csrf": csrf_of(page.text)})
    assert _report(demo, "wg-wsc-knowledge")["status"] == "PUBLISHED"
    assert f'id="report-{draft["id"]}"' in demo.client.get("/transparency").text
    # an owner moves its own decision from its page
    firm = signed("ag-kbf-abnegar")
    page = firm.get("/portal/groups")
    decisions = demo.ok('{ wgDecisions(ownerId: "ag-kbf-abnegar") { id status version } }')["wgDecisions"]
    going = next(d for d in decisions if d["status"] == "IN_PROGRESS")
    assert f'id="move-{going["id"]}-done"' in page.text
    moved = firm.post(f"/portal/groups/decisions/{going['id']}/move", data={"csrf": csrf_of(page.text), "to": "done", "version": str(going["version"])})
    assert moved.status_code == 303
    assert demo.ok('query($id: ID!) { wgDecision(id: $id) { status } }', id=going["id"])["wgDecision"]["status"] == "DONE"


def test_the_wrong_agency_is_refused_on_the_page(demo: GraphQL, signed) -> None:  # type: ignore[no-untyped-def]
    approved = _report(demo, "wg-wsc-content")
    firm = signed("ag-kbf-ravayat")  # a member of that group, not its supervisor nor its secretariat
    page = firm.get("/portal/groups")
    assert f'id="publish-{approved["id"]}"' not in page.text and 'data-role="member"' in page.text
    refused = firm.post(f"/portal/groups/reports/{approved['id']}/publish", data={"csrf": csrf_of(page.text)})
    assert refused.status_code == 403 and 'id="group-error"' in refused.text and "دبیرخانه" in refused.text
    assert _report(demo, "wg-wsc-content")["status"] == "APPROVED"
    # publishing twice is the wrong order, said in Persian on the page
    fum = signed("ag-fum-water")
    page = fum.get("/portal/groups")
    fum.post(f"/portal/groups/reports/{approved['id']}/publish", data={"csrf": csrf_of(page.text)})
    again = fum.post(f"/portal/groups/reports/{approved['id']}/publish", data={"csrf": csrf_of(page.text)})
    assert again.status_code == 409 and "تأییدشده" in again.text


def test_the_secretariat_records_a_meeting_a_decision_and_drafts_a_report(demo: GraphQL, signed) -> None:  # type: ignore[no-untyped-def]
    fum = signed("ag-fum-water")
    page = fum.get("/portal/groups")
    assert 'id="meeting-form-wg-wsc-process"' in page.text and 'id="report-form-wg-wsc-process"' in page.text
    csrf = csrf_of(page.text)
    saved = fum.post("/portal/groups/wg-wsc-process/meetings", data={
        "csrf": csrf, "date": "۱۴۰۵/۰۹/۰۵", "agendaFa": "بازبینی شاخص‌ها", "minutesFa": "مقرر شد…",
        "presentIds": ["ag-fum-water", "ag-abfa"]})  # fmt: skip
    assert saved.status_code == 303
    meetings = demo.ok('{ wgMeetings(groupIds: ["wg-wsc-process"]) { id dateJalali presentIds minutesFa } }')["wgMeetings"]
    newest = meetings[0]
    assert newest["dateJalali"] == "1405/09/05" and sorted(newest["presentIds"]) == ["ag-abfa", "ag-fum-water"]
    fum.post("/portal/groups/wg-wsc-process/decisions", data={"csrf": csrf, "textFa": "گزارش ماهانه", "ownerId": "ag-kbf-sabz",
                                                              "dueDate": "1405/10/15", "meetingId": newest["id"]})  # fmt: skip
    owned = demo.ok('{ wgDecisions(ownerId: "ag-kbf-sabz") { textFa status meetingId dueDateJalali } }')["wgDecisions"]
    assert {"textFa": "گزارش ماهانه", "status": "OPEN", "meetingId": newest["id"], "dueDateJalali": "1405/10/15"} in owned
    fum.post("/portal/groups/wg-wsc-process/reports", data={"csrf": csrf, "year": "۱۴۰۵", "period": "h2", "titleFa": "گزارش نیمهٔ دوم", "summaryFa": "خلاصه"})
    reports = demo.ok('{ transparencyReports(groupIds: ["wg-wsc-process"]) { period status titleFa } }')["transparencyReports"]
    assert {"period": "H2", "status": "DRAFTED", "titleFa": "گزارش نیمهٔ دوم"} in reports
    # a bad date comes back on the page, in Persian; nothing recorded
    bad = fum.post("/portal/groups/wg-wsc-process/meetings", data={"csrf": csrf, "date": "1405/13/01", "agendaFa": "x"})
    assert bad.status_code == 400 and "تاریخ" in bad.text and 'id="group-error"' in bad.text
    # a member that keeps nothing has no forms, and its post is refused
    firm = signed("ag-kbf-sabz")
    page = firm.get("/portal/groups")
    assert "meeting-form-" not in page.text
    refused = firm.post("/portal/groups/wg-wsc-process/meetings", data={"csrf": csrf_of(page.text), "date": "1405/09/05", "agendaFa": "x"})
    assert refused.status_code == 403 and "دبیرخانه" in refused.text
    assert len(demo.ok('{ wgMeetings(groupIds: ["wg-wsc-process"]) { id } }')["wgMeetings"]) == len(meetings)
