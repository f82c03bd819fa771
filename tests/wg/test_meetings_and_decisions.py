"""Meetings and decisions of a working group (issue 19 item 1): who may write them, the decision's
status workflow with its history, and what each agency sees."""

from __future__ import annotations

from tests.conftest import GraphQL
from tests.wg.helpers import DECISION, GROUP, MEETING, MOVE, code, seed

MEETING_IN = {"groupId": GROUP, "date": "۱۴۰۵/۰۸/۲۰", "agendaFa": "بررسی شاخص‌های پایش", "presentIds": ["ag-sec", "ag-sup", "ag-mem"]}


def test_the_secretariat_and_the_lead_record_meetings_others_may_not(registry: GraphQL) -> None:
    c = seed(registry)
    meeting = c["ag-sec"].ok(MEETING, i=MEETING_IN)["recordWgMeeting"]
    assert meeting["date"] == "2026-11-11" and meeting["dateJalali"] == "1405/08/20"  # Jalali in, both out
    assert sorted(meeting["presentIds"]) == ["ag-mem", "ag-sec", "ag-sup"] and len(meeting["present"]) == 3
    assert c["ag-lead"].ok(MEETING, i=MEETING_IN | {"date": "1405-09-01"})["recordWgMeeting"]["dateJalali"] == "1405/09/01"
    assert c["dir"].ok(MEETING, i=MEETING_IN)["recordWgMeeting"]["id"]
    for who in ("ag-sup", "ag-mem", "ag-fac", "ag-obs", "ag-out"):
        ext = c[who].errors(MEETING, i=MEETING_IN)[0]["extensions"]
        assert ext["code"] == "FORBIDDEN" and "دبیرخانه" in ext["messageFa"] and "secretariat" in ext["messageEn"], who
    assert code(registry.as_role("analyst").errors(MEETING, i=MEETING_IN)) == "FORBIDDEN"
    # an agency that does not exist cannot be present; a bad date is refused in Persian
    assert registry.errors(MEETING, i=MEETING_IN | {"presentIds": ["ag-nope"]})[0]["extensions"]["field"] == "presentIds"
    bad = registry.errors(MEETING, i=MEETING_IN | {"date": "1405/13/40"})[0]["extensions"]
    assert bad["code"] == "VALIDATION" and "تاریخ" in bad["messageFa"]
    # the minutes written afterwards, under the version guard
    amend = "mutation($id: ID!, $v: Int) { amendWgMeeting(id: $id, input: {minutesFa: \"مقرر شد…\"}, expectedVersion: $v) { minutesFa version } }"
    assert c["ag-sec"].ok(amend, id=meeting["id"], v=1)["amendWgMeeting"] == {"minutesFa": "مقرر شد…", "version": 2}
    assert code(c["ag-sec"].errors(amend, id=meeting["id"], v=1)) == "VERSION_CONFLICT"
    assert code(c["ag-mem"].errors(amend, id=meeting["id"], v=2)) == "FORBIDDEN"


def test_a_decision_moves_open_in_progress_done_by_its_owner_with_history(registry: GraphQL) -> None:
    c = seed(registry)
    meeting = c["ag-sec"].ok(MEETING, i=MEETING_IN)["recordWgMeeting"]
    made = c["ag-sec"].ok(DECISION, i={"groupId": GROUP, "meetingId": meeting["id"], "textFa": "تدوین شاخص‌ها", "ownerId": "ag-mem",
                                       "dueDate": "1405/08/30", "actionId": "pa-1", "requestId": "rq-9"})["recordWgDecision"]  # fmt: skip
    assert made["status"] == "OPEN" and made["dueDateJalali"] == "1405/08/30" and made["overdue"]  # today is 1405/09/09
    assert (made["actionId"], made["requestId"], made["meetingId"]) == ("pa-1", "rq-9", meeting["id"])
    # wrong order: open cannot be done
    ext = c["ag-mem"].errors(MOVE, id=made["id"], to="DONE")[0]["extensions"]
    assert ext["code"] == "INVALID_TRANSITION" and "«باز»" in ext["messageFa"] and "allowed: in_progress, dropped" in ext["messageEn"]
    # a member that does not own it, the supervisor, an outsider: refused; the owner moves it
    for who in ("ag-sup", "ag-fac", "ag-out"):
        assert code(c[who].errors(MOVE, id=made["id"], to="IN_PROGRESS")) in ("FORBIDDEN", "NOT_FOUND"), who
    moved = c["ag-mem"].ok(MOVE, id=made["id"], to="IN_PROGRESS", c="آغاز شد", v=1)["moveWgDecision"]
    assert moved["status"] == "IN_PROGRESS" and moved["version"] == 2
    assert code(c["ag-mem"].errors(MOVE, id=made["id"], to="DONE", v=1)) == "VERSION_CONFLICT"
    done = c["ag-lead"].ok(MOVE, id=made["id"], to="DONE", v=2)["moveWgDecision"]  # the lead may move it too
    steps = [(h["fromStatus"], h["toStatus"], h["agencyId"]) for h in done["history"]]
    assert steps == [(None, "open", "ag-sec"), ("open", "in_progress", "ag-mem"), ("in_progress", "done", "ag-lead")]
    assert done["history"][1]["comment"] == "آغاز شد" and done["history"][1]["atJalali"].startswith("14")
    assert code(c["ag-mem"].errors(MOVE, id=made["id"], to="DROPPED")) == "INVALID_TRANSITION"  # done is final


def test_who_records_decisions_and_what_they_must_name(registry: GraphQL) -> None:
    c = seed(registry)
    base = {"groupId": GROUP, "textFa": "تصمیم", "ownerId": "ag-mem"}
    for who in ("ag-mem", "ag-sup", "ag-fac", "ag-out"):
        assert code(c[who].errors(DECISION, i=base)) == "FORBIDDEN", who
    assert c["ag-lead"].ok(DECISION, i=base)["recordWgDecision"]["status"] == "OPEN"
    assert registry.errors(DECISION, i=base | {"ownerId": "ag-nope"})[0]["extensions"]["field"] == "ownerId"
    assert registry.errors(DECISION, i=base | {"meetingId": "wm-nope"})[0]["extensions"]["field"] == "meetingId"
    assert code(registry.errors(DECISION, i=base | {"textFa": ""})) == "VALIDATION"
    dropped = registry.ok(MOVE, id=registry.ok(DECISION, i=base)["recordWgDecision"]["id"], to="DROPPED", c="ادغام شد")
    assert dropped["moveWgDecision"]["status"] == "DROPPED"


def test_an_agency_sees_its_groups_meetings_and_the_decisions_it_owns_only(registry: GraphQL) -> None:
    c = seed(registry)
    meeting = c["ag-sec"].ok(MEETING, i=MEETING_IN)["recordWgMeeting"]
    mine = c["ag-sec"].ok(DECISION, i={"groupId": GROUP, "textFa": "برای بیرونی", "ownerId": "ag-out"})["recordWgDecision"]
    other = c["ag-sec"].ok(DECISION, i={"groupId": GROUP, "textFa": "برای عضو", "ownerId": "ag-mem"})["recordWgDecision"]
    lists = "{ wgMeetings { id } wgDecisions { id } workingGroup(id: \"wg-t\") { meetings { id } decisions { id } } }"
    member = c["ag-obs"].ok(lists)
    assert [m["id"] for m in member["wgMeetings"]] == [meeting["id"]]
    assert {d["id"] for d in member["wgDecisions"]} == {mine["id"], other["id"]}
    outsider = c["ag-out"].ok(lists)
    assert outsider["wgMeetings"] == [] and outsider["workingGroup"]["meetings"] == []
    assert [d["id"] for d in outsider["wgDecisions"]] == [mine["id"]]  # the one it owns, nothing else
    one = "query($m: ID!, $d: ID!) { wgMeeting(id: $m) { id } wgDecision(id: $d) { id } }"
    assert c["ag-out"].ok(one, m=meeting["id"], d=other["id"]) == {"wgMeeting": None, "wgDecision": None}  # like missing ones
    assert c["ag-out"].ok(one, m="wm-nope", d="wd-nope") == {"wgMeeting": None, "wgDecision": None}
    # moving another's decision it cannot read answers NOT_FOUND, as for a missing one
    assert code(c["ag-out"].errors(MOVE, id=other["id"], to="IN_PROGRESS")) == "NOT_FOUND"
    assert c["ag-out"].ok(MOVE, id=mine["id"], to="IN_PROGRESS")["moveWgDecision"]["status"] == "IN_PROGRESS"
    analyst = registry.as_role("analyst").ok(lists)
    assert len(analyst["wgMeetings"]) == 1 and len(analyst["wgDecisions"]) == 2
