"""Commitments and the engagement log (#19.3) over real GraphQL, each workflow step and refusal; and
"a stakeholder cannot receive a request", by GraphQL, by import, for old pseudo-agencies too."""

from __future__ import annotations

import json

from service.settings import Settings
from tests.conftest import GraphQL, run_on_store

COMMIT = "id status statusFa version ownerId dueDateJalali overdue history { status fromStatus role note }"
MAKE = f"mutation($i: CommitmentInput!) {{ makeCommitment(input: $i) {{ {COMMIT} }} }}"
MOVE = f"mutation($id: ID!, $to: CommitmentStatus!, $v: Int, $n: String) {{ moveCommitment(id: $id, to: $to, expectedVersion: $v, note: $n) {{ {COMMIT} }} }}"
LOG = ("mutation($i: EngagementInput!, $k: String) { recordEngagement(input: $i, idempotencyKey: $k) "
       "{ id kind kindFa date dateJalali agencyId commitmentId sentiment } }")


def commitment(gql: GraphQL, **over: object) -> dict[str, object]:
    data = {"stakeholderId": "sh-citizens", "ownerId": "ag-ict", "textFa": "پاسخ به درخواست‌های معوق", "dueDate": "1405/10/01"} | over
    return gql.ok(MAKE, i=data)["makeCommitment"]


def test_commitment_workflow_open_kept_reopened_broken(demo: GraphQL) -> None:
    made = commitment(demo)
    assert made["status"] == "OPEN" and made["dueDateJalali"] == "1405/10/01" and not made["overdue"]
    assert [s["status"] for s in made["history"]] == ["OPEN"]
    ict = demo.as_role("agency", "ag-ict")
    kept = ict.ok(MOVE, id=made["id"], to="KEPT", v=1, n="همه پاسخ داده شد")["moveCommitment"]
    assert kept["status"] == "KEPT" and kept["statusFa"] == "عمل‌شده" and kept["version"] == 2
    assert kept["history"][-1] == {"status": "KEPT", "fromStatus": "OPEN", "role": "agency", "note": "همه پاسخ داده شد"}
    again = demo.errors(MOVE, id=made["id"], to="BROKEN", v=2)[0]["extensions"]
    assert again["code"] == "ILLEGAL_TRANSITION"
    reopened = demo.ok(MOVE, id=made["id"], to="OPEN", v=2)["moveCommitment"]
    assert reopened["status"] == "OPEN"
    assert demo.errors(MOVE, id=made["id"], to="BROKEN", v=2)[0]["extensions"]["code"] == "VERSION_CONFLICT"
    broken = demo.as_role("analyst").ok(MOVE, id=made["id"], to="BROKEN", v=3)["moveCommitment"]
    assert [s["status"] for s in broken["history"]] == ["OPEN", "KEPT", "OPEN", "BROKEN"]
    actions = demo.ok('{{ auditEvents(entityId: "{}") {{ nodes {{ action }} }} }}'.format(made["id"]))["auditEvents"]["nodes"]
    assert [a["action"] for a in actions].count("move_commitment") == 3


def test_agency_refusals_on_commitments(demo: GraphQL) -> None:
    made = commitment(demo)
    ict, parks = demo.as_role("agency", "ag-ict"), demo.as_role("agency", "ag-parks")
    assert ict.errors(MOVE, id=made["id"], to="BROKEN")[0]["extensions"]["code"] == "FORBIDDEN"
    own = {"stakeholderId": "sh-citizens", "ownerId": "ag-ict", "textFa": "x", "dueDate": "1405/10/01"}
    assert ict.errors(MAKE, i=own)[0]["extensions"]["code"] == "FORBIDDEN"
    # another agency's commitment answers exactly like a missing one
    other = parks.errors(MOVE, id=made["id"], to="KEPT")[0]["extensions"]
    missing = parks.errors(MOVE, id="cm-nowhere", to="KEPT")[0]["extensions"]
    assert other["code"] == missing["code"] == "NOT_FOUND"
    assert parks.ok("{ commitments { id } }")["commitments"] == []
    owned = ict.ok("{ commitments { id ownerId } }")["commitments"]
    assert owned and {c["ownerId"] for c in owned} == {"ag-ict"}
    bad_owner = demo.errors(MAKE, i={"stakeholderId": "sh-citizens", "ownerId": "ag-nowhere", "textFa": "x", "dueDate": "1405/10/01"})
    assert bad_owner[0]["extensions"]["field"] == "ownerId"
    late = demo.errors(MAKE, i={"stakeholderId": "sh-citizens", "ownerId": "ag-ict", "textFa": "x", "dueDate": "1405/01/01", "madeOn": "1405/02/01"})
    assert late[0]["extensions"]["code"] in ("VALIDATION", "BAD_USER_INPUT") or "due" in late[0]["message"]


def test_demo_overdue_and_kept_commitments(demo: GraphQL) -> None:
    rows = demo.ok("{ commitments { id status overdue dueDateJalali owner { id } stakeholder { id } } }")["commitments"]
    by_id = {r["id"]: r for r in rows}
    assert by_id["cm-plan-report"]["overdue"] is True and by_id["cm-plan-report"]["dueDateJalali"] == "1405/09/05"
    assert by_id["cm-137-answers"]["overdue"] is False and by_id["cm-ngo-sessions"]["status"] == "KEPT"
    assert by_id["cm-staff-training"]["status"] == "BROKEN" and by_id["cm-137-answers"]["stakeholder"] == {"id": "sh-citizens"}
    overdue = demo.ok("{ commitments(overdue: true) { id } }")["commitments"]
    assert [r["id"] for r in overdue] == ["cm-plan-report"]


def test_engagement_log_by_the_directorate_and_by_the_owing_agency(demo: GraphQL) -> None:
    entry = {"stakeholderId": "sh-council", "kind": "MEETING", "date": "۱۴۰۵/۰۹/۰۸", "noteFa": "جلسه با کمیسیون برنامه و بودجه",
             "agencyId": "ag-coord", "sentiment": "SUPPORTIVE"}
    logged = demo.ok(LOG, i=entry, k="log-1")["recordEngagement"]
    assert logged["date"] == "2026-11-29" and logged["dateJalali"] == "1405/09/08" and logged["kindFa"] == "جلسه"
    assert demo.ok(LOG, i=entry, k="log-1")["recordEngagement"]["id"] == logged["id"]  # a retry is the same entry
    council = demo.ok('{ stakeholder(id: "sh-council") { latestSentiment engagements { id } } }')["stakeholder"]
    assert council["engagements"][0]["id"] == logged["id"] and council["latestSentiment"] == "SUPPORTIVE"  # newest first
    planning = demo.as_role("agency", "ag-dep-planning")
    no_commitment = planning.errors(LOG, i={"stakeholderId": "sh-council", "kind": "MEETING", "date": "1405/09/08", "noteFa": "x"})
    assert no_commitment[0]["extensions"]["code"] == "FORBIDDEN"
    own = planning.ok(LOG, i={"stakeholderId": "sh-council", "kind": "CONSULTATION", "date": "1405/09/09",
                              "noteFa": "گزارش فصل دوم ارسال شد", "commitmentId": "cm-plan-report"})["recordEngagement"]
    assert own["agencyId"] == "ag-dep-planning" and own["commitmentId"] == "cm-plan-report"
    ict = demo.as_role("agency", "ag-ict")
    not_owed = ict.errors(LOG, i={"stakeholderId": "sh-council", "kind": "MEETING", "date": "1405/09/09", "noteFa": "x",
                                  "commitmentId": "cm-plan-report"})[0]["extensions"]
    assert not_owed["code"] == "NOT_FOUND" and not_owed["field"] == "commitmentId"
    wrong = demo.errors(LOG, i={"stakeholderId": "sh-citizens", "kind": "MEETING", "date": "1405/09/09", "noteFa": "x",
                                "commitmentId": "cm-plan-report"})[0]["extensions"]
    assert wrong["field"] == "commitmentId"


FILE = "mutation($r: String!) { fileRequest(input: {senderId: \"ag-coord\", receiverId: $r, subject: \"درخواست آزمایشی\"}) { id } }"


def test_a_stakeholder_cannot_receive_a_request(demo: GraphQL) -> None:
    refused = demo.errors(FILE, r="sh-citizens")[0]["extensions"]
    assert refused["code"] == "NOT_A_RECEIVER" and refused["field"] == "receiverId" and "ذی‌نفع" in refused["messageFa"]
    # an agency that may not read the stakeholder gets the answer a missing agency gets
    parks = demo.as_role("agency", "ag-parks")
    hidden = parks.errors(FILE.replace("ag-coord", "ag-parks"), r="sh-council")[0]["extensions"]
    assert hidden["code"] == "NOT_FOUND" and hidden["field"] == "receiverId"
    made = demo.errors('mutation { createAgency(input: {code: "SG-9", nameFa: "گروه تازه", kind: STAKEHOLDER_GROUP, level: EXTERNAL}) { id } }')
    assert made[0]["extensions"]["code"] == "VALIDATION" and made[0]["extensions"]["field"] == "kind"
    assert demo.ok(FILE, r="ag-ict")["fileRequest"]["id"]  # agencies still receive


def test_an_old_pseudo_agency_stays_readable_but_receives_nothing(demo: GraphQL, settings: Settings) -> None:
    old = {"agencies": [{"id": "ag-sg-old", "code": "SG-1", "nameFa": "شهروندان", "kind": "stakeholder_group", "level": "external"}]}
    response = demo.post("/registry/import", files={"file": ("old.json", json.dumps(old, ensure_ascii=False), "application/json")})
    assert response.status_code == 200, response.text
    assert demo.ok('{ agency(id: "ag-sg-old") { kind } }')["agency"] == {"kind": "STAKEHOLDER_GROUP"}
    assert demo.errors(FILE, r="ag-sg-old")[0]["extensions"]["code"] == "NOT_A_RECEIVER"
    request = {"requests": [{"id": "rq-to-group", "senderId": "ag-coord", "receiverId": "ag-sg-old", "subject": "آزمایش"}]}
    refused = demo.post("/registry/import", files={"file": ("r.json", json.dumps(request, ensure_ascii=False), "application/json")})
    assert refused.status_code == 422 and "receiverId" in refused.text

    async def statement(store):  # type: ignore[no-untyped-def]  # the store itself refuses it too
        return await store.write("request/create", {"id": "rq-direct", "props": {"subject": "x", "status": "submitted", "version": 1},
                                                    "senderId": "ag-coord", "receiverId": "ag-sg-old", "aboutId": None,
                                                    "idempotencyKey": None, "inputHash": None, "now": "2026-11-30T00:00:00+00:00",
                                                    "audit": {"id": "au-direct", "action": "create"}})  # fmt: skip

    assert run_on_store(settings, statement) == []


def test_backup_and_restore_keep_stakeholders(demo: GraphQL, settings: Settings) -> None:
    from service.registry.backup import backup_lines, restore_lines

    before = run_on_store(settings, backup_lines)
    assert any('"Stakeholder"' in line for line in before) and any('"MADE_TO"' in line for line in before)

    async def wipe_and_restore(store):  # type: ignore[no-untyped-def]
        await store.wipe()
        await restore_lines(store, before)
        return await backup_lines(store)

    assert run_on_store(settings, wipe_and_restore) == before
    assert demo.ok('{ stakeholder(id: "sh-council") { commitments { history { status } } } }')["stakeholder"]["commitments"]


CONVERT = """mutation($a: ID!) { convertStakeholderGroup(agencyId: $a, type: CITIZENS, power: 2, interest: 5, influence: 3) {
    id nameFa issueIds workingGroupIds quadrant } }"""


def test_an_old_backup_with_pseudo_agencies_restores_and_converts(demo: GraphQL, settings: Settings) -> None:
    """A backup made before stakeholders were their own kind holds stakeholder_group agencies with an issue
    and a committee seat: it restores unchanged, and convertStakeholderGroup moves them to a Stakeholder."""
    from service.registry.backup import backup_lines, restore_lines

    lines = run_on_store(settings, backup_lines)
    old = {"id": "ag-sg-old", "code": "SG-1", "nameFa": "شهروندان", "kind": "stakeholder_group", "level": "external",
           "version": 1, "archived": False, "createdAt": "2025-01-01T00:00:00.000+00:00"}
    issue = next(json.loads(line) for line in lines if '"is-citizen-feedback"' in line and '"labels"' in line)
    lines += [json.dumps({"labels": ["Agency"], "props": old}, ensure_ascii=False),
              json.dumps({"rel": {"type": "RAISED", "fromLabel": "Agency", "fromId": "ag-sg-old", "toLabel": "Issue",
                                  "toId": issue["props"]["id"], "props": {}}}),
              json.dumps({"rel": {"type": "MEMBER_OF", "fromLabel": "Agency", "fromId": "ag-sg-old", "toLabel": "WorkingGroup",
                                  "toId": "wg-midterm-plan", "props": {"role": "member"}}})]  # fmt: skip

    async def wipe_and_restore(store):  # type: ignore[no-untyped-def]
        await store.wipe()
        return await restore_lines(store, lines)

    run_on_store(settings, wipe_and_restore)
    assert demo.ok('{ agency(id: "ag-sg-old") { kind workingGroups { group { id } } } }')["agency"]["kind"] == "STAKEHOLDER_GROUP"
    assert demo.as_role("agency", "ag-ict").errors(CONVERT, a="ag-sg-old")[0]["extensions"]["code"] == "FORBIDDEN"
    made = demo.ok(CONVERT, a="ag-sg-old")["convertStakeholderGroup"]
    assert made["nameFa"] == "شهروندان" and made["quadrant"] == "KEEP_INFORMED"
    assert made["issueIds"] == ["is-citizen-feedback"] and made["workingGroupIds"] == ["wg-midterm-plan"]
    after = demo.ok('{ agency(id: "ag-sg-old") { archived } workingGroup(id: "wg-midterm-plan") { members { agencyId } } }')
    assert after["agency"]["archived"] is True
    assert "ag-sg-old" not in {m["agencyId"] for m in after["workingGroup"]["members"]}
    again = demo.errors(CONVERT, a="ag-sg-old")[0]["extensions"]
    assert again["code"] == "VALIDATION" and again["field"] == "agencyId"
    assert demo.errors(CONVERT, a="ag-ict")[0]["extensions"]["code"] == "VALIDATION"  # a real agency is no group
