"""The demo true to seed 000 (issue 19 item 6): the water-sensitive city plan's four working groups with
their secretariat, supervisors and facilitator, a meeting with minutes and decisions each, and one
transparency report each, some published; the public page in Chromium."""

from __future__ import annotations

from pathlib import Path

from tests.browser import browser_page, needs_chromium
from tests.conftest import GraphQL, LiveServer
from tests.web.look import look, shoot

FOUR = ("wg-wsc-process", "wg-wsc-content", "wg-wsc-knowledge", "wg-wsc-finance")
Q = """{ workingGroups(first: 50) { nodes { id level planId members { agencyId role }
  meetings { dateJalali minutesFa presentIds } decisions { status ownerId dueDateJalali }
  transparencyReports { id status periodFa meetingsHeld decisionsMade } } } }"""


def test_the_four_groups_have_the_seeds_roles_meetings_decisions_and_reports(demo: GraphQL) -> None:
    groups = {g["id"]: g for g in demo.ok(Q)["workingGroups"]["nodes"]}
    published = 0
    for gid in FOUR:
        g = groups[gid]
        roles = {m["agencyId"]: m["role"] for m in g["members"]}
        assert roles["ag-fum-water"] == "SECRETARIAT", gid  # the secretariat, not a supervisor nor the lead
        supervisors = {a for a, r in roles.items() if r == "SUPERVISOR"}
        assert supervisors == ({"ag-abfa-customers"} if gid == "wg-wsc-finance" else {"ag-abfa"}), gid
        assert (g["level"], g["planId"]) == ("PLAN", "pl-mashhad-wsc")
        assert g["meetings"] and all(m["minutesFa"] and m["presentIds"] for m in g["meetings"])
        assert len(g["decisions"]) >= 2 and len(g["transparencyReports"]) == 1
        report = g["transparencyReports"][0]
        assert report["periodFa"] == "نیمهٔ نخست ۱۴۰۵" and report["meetingsHeld"] >= 1 and report["decisionsMade"] >= 2
        published += report["status"] == "PUBLISHED"
    # the governorate facilitates the finance group; it is not a member there
    assert {m["agencyId"]: m["role"] for m in groups["wg-wsc-finance"]["members"]}["ag-governorate"] == "FACILITATOR"
    assert 0 < published < 4
    statuses = {d["status"] for gid in FOUR for d in groups[gid]["decisions"]}
    assert {"OPEN", "IN_PROGRESS", "DONE", "DROPPED"} <= statuses
    late = demo.ok("{ wgDecisions(overdue: true) { textFa status dueDateJalali overdue } }")["wgDecisions"]
    assert late and all(d["overdue"] and d["status"] in ("OPEN", "IN_PROGRESS") for d in late)
    assert any(d["textFa"].startswith("پیگیری کاهش تشریفات") for d in late)  # the governorate's, due 1405/08/15
    plans = {p["id"] for p in demo.ok("{ cityPlans { id } }")["cityPlans"]}
    assert "pl-mashhad-wsc" in plans


def test_an_agency_sees_the_demo_governance_of_its_groups_only(demo: GraphQL) -> None:
    firm = demo.as_role("agency", "ag-kbf-ravayat")  # a member of the content group only
    mine = firm.ok("{ wgMeetings { groupId } wgDecisions { groupId ownerId } transparencyReports { groupId status } }")
    assert {m["groupId"] for m in mine["wgMeetings"]} == {"wg-wsc-content"}
    assert {d["groupId"] for d in mine["wgDecisions"]} == {"wg-wsc-content"}
    # its own group's report (approved, unpublished) and the other groups' published ones
    seen = {(r["groupId"], r["status"]) for r in mine["transparencyReports"]}
    assert ("wg-wsc-content", "APPROVED") in seen and all(s == "PUBLISHED" for g, s in seen if g != "wg-wsc-content")
    assert ("wg-wsc-knowledge", "DRAFTED") not in seen


@needs_chromium
def test_the_public_page_lists_published_reports_in_persian_and_prints(demo: GraphQL, live: LiveServer, tmp_path: Path) -> None:
    published = [r for r in demo.ok("{ transparencyReports { id status titleFa } }")["transparencyReports"] if r["status"] == "PUBLISHED"]
    drafts = [r for r in demo.ok("{ transparencyReports { id status titleFa } }")["transparencyReports"] if r["status"] != "PUBLISHED"]
    with browser_page(live.url) as (page, traffic):  # no sign-in
        page.goto(f"{live.url}/transparency")
        seen = look(page)
        shoot(page, tmp_path, "transparency")
        assert seen["direction"] == "rtl" and seen["lang"] == "fa" and seen["vazirmatnLoaded"]
        assert seen["scrollWidth"] <= seen["width"] + 1
        assert all(r["titleFa"] in seen["text"] for r in published) and not any(r["titleFa"] in seen["text"] for r in drafts)
        assert "۱۴۰۵" in seen["text"] and "1405" not in seen["text"]  # Persian digits
        cards = page.locator("article.report").count()
        page.emulate_media(media="print")
        assert not page.locator("nav.site").is_visible() and not page.locator("article.report .noprint").first.is_visible()
        shoot(page, tmp_path, "transparency-print")
        assert cards == len(published)
        assert traffic.blocked == [] and traffic.errors == []
