"""Transparency reports (issue 19 item 1): drafted by the secretariat, approved by the supervisor,
published; refusals for the wrong role and the wrong order; only published reports are public."""

from __future__ import annotations

from tests.conftest import GraphQL
from tests.wg.helpers import APPROVE, DECISION, DRAFT, GROUP, MEETING, MOVE, PUBLISH, code, seed

REPORT = {"groupId": GROUP, "year": 1405, "period": "H1", "titleFa": "گزارش شفافیت نیمهٔ نخست", "summaryFa": "خلاصهٔ کارها"}


def test_drafted_approved_by_the_supervisor_then_published(registry: GraphQL) -> None:
    c = seed(registry)
    inside = c["ag-sec"].ok(MEETING, i={"groupId": GROUP, "date": "1405/03/10", "agendaFa": "دستور"})["recordWgMeeting"]
    c["ag-sec"].ok(MEETING, i={"groupId": GROUP, "date": "1405/08/10", "agendaFa": "بیرون از دوره"})
    first = c["ag-sec"].ok(DECISION, i={"groupId": GROUP, "meetingId": inside["id"], "textFa": "یک", "ownerId": "ag-mem"})
    c["ag-sec"].ok(DECISION, i={"groupId": GROUP, "meetingId": inside["id"], "textFa": "دو", "ownerId": "ag-mem"})
    did = first["recordWgDecision"]["id"]
    c["ag-mem"].ok(MOVE, id=did, to="IN_PROGRESS")
    c["ag-mem"].ok(MOVE, id=did, to="DONE")
    # the wrong roles cannot draft
    for who in ("ag-sup", "ag-lead", "ag-mem", "ag-out"):
        assert code(c[who].errors(DRAFT, i=REPORT)) == "FORBIDDEN", who
    report = c["ag-sec"].ok(DRAFT, i=REPORT)["draftTransparencyReport"]
    assert report["status"] == "DRAFTED" and report["periodFa"] == "نیمهٔ نخست ۱۴۰۵" and report["pdfUrl"] is None
    figures = {k: report[k] for k in ("meetingsHeld", "decisionsMade", "decisionsDone", "decisionsOpen", "decisionsDropped")}
    assert figures == {"meetingsHeld": 1, "decisionsMade": 2, "decisionsDone": 1, "decisionsOpen": 1, "decisionsDropped": 0}
    # one report per period
    dup = c["ag-sec"].errors(DRAFT, i=REPORT)[0]["extensions"]
    assert dup["code"] == "DUPLICATE" and "نیمهٔ نخست ۱۴۰۵" in dup["messageFa"]
    # wrong order: publishing a draft
    ext = c["ag-sec"].errors(PUBLISH, id=report["id"])[0]["extensions"]
    assert ext["code"] == "INVALID_TRANSITION" and "«تأییدشده»" in ext["messageFa"] and "must be approved" in ext["messageEn"]
    # wrong role: only the supervisor approves (not the secretariat, the lead, nor the directorate)
    for who in ("ag-sec", "ag-lead", "ag-mem", "dir"):
        refused = c[who].errors(APPROVE, id=report["id"])[0]["extensions"]
        assert refused["code"] == "FORBIDDEN" and "ناظر" in refused["messageFa"] and "supervisor" in refused["messageEn"], who
    approved = c["ag-sup"].ok(APPROVE, id=report["id"], v=1)["approveTransparencyReport"]
    assert approved == {"id": report["id"], "status": "APPROVED", "version": 2, "approvedBy": "ag-sup"}
    assert code(c["ag-sup"].errors(APPROVE, id=report["id"])) == "INVALID_TRANSITION"  # approved once only
    assert code(c["ag-sup"].errors(PUBLISH, id=report["id"])) == "FORBIDDEN"  # the supervisor does not publish
    assert code(c["ag-sec"].errors(PUBLISH, id=report["id"], v=1)) == "VERSION_CONFLICT"
    published = c["ag-sec"].ok(PUBLISH, id=report["id"], v=2)["publishTransparencyReport"]
    assert published["status"] == "PUBLISHED" and published["pdfUrl"] == f"/transparency/{report['id']}.pdf"
    history = registry.ok('query($id: ID!) { transparencyReport(id: $id) { history { fromStatus toStatus agencyId } } }', id=report["id"])
    steps = [(s["fromStatus"], s["toStatus"], s["agencyId"]) for s in history["transparencyReport"]["history"]]
    assert steps == [(None, "drafted", "ag-sec"), ("drafted", "approved", "ag-sup"), ("approved", "published", "ag-sec")]


def test_an_unpublished_report_is_not_public_a_published_one_is(registry: GraphQL) -> None:
    c = seed(registry)
    report = c["ag-sec"].ok(DRAFT, i=REPORT)["draftTransparencyReport"]
    one = "query($id: ID!) { transparencyReport(id: $id) { id status } }"
    lists = "{ transparencyReports { id } }"
    assert c["ag-out"].ok(one, id=report["id"]) == {"transparencyReport": None}
    assert c["ag-out"].ok(lists) == {"transparencyReports": []}
    assert c["ag-obs"].ok(one, id=report["id"])["transparencyReport"]["status"] == "DRAFTED"  # a member reads the draft
    page = registry.client.get("/transparency")  # no token, no cookie
    assert page.status_code == 200 and report["id"] not in page.text and "هنوز گزارشی منتشر نشده است" in page.text
    assert registry.client.get(f"/transparency/{report['id']}.pdf").status_code == 404
    c["ag-sup"].ok(APPROVE, id=report["id"])
    assert report["id"] not in registry.client.get("/transparency").text  # approved is not yet published
    assert registry.client.get(f"/transparency/{report['id']}.pdf").status_code == 404
    c["ag-sec"].ok(PUBLISH, id=report["id"])
    assert c["ag-out"].ok(one, id=report["id"])["transparencyReport"]["status"] == "PUBLISHED"
    assert [r["id"] for r in c["ag-out"].ok(lists)["transparencyReports"]] == [report["id"]]
    page = registry.client.get("/transparency")
    assert page.status_code == 200 and f'id="report-{report["id"]}"' in page.text and "گزارش شفافیت نیمهٔ نخست" in page.text
    pdf = registry.client.get(f"/transparency/{report['id']}.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    assert registry.client.get("/transparency/wr-nope.pdf").status_code == 404
