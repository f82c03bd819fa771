"""A small working group with one agency in each role, imported through the real bundle path."""

from __future__ import annotations

from typing import Any

from service.registry.bundle import import_bundle
from tests.conftest import GraphQL, run_on_store
from tests.factories import agency

ROLES = {"ag-sec": "secretariat", "ag-sup": "supervisor", "ag-lead": "lead", "ag-mem": "member",
         "ag-fac": "facilitator", "ag-obs": "observer"}  # fmt: skip
GROUP = "wg-t"


def governance_bundle() -> dict[str, list[dict[str, Any]]]:
    names = {"ag-sec": "پژوهشکده آب", "ag-sup": "شرکت آب و فاضلاب", "ag-lead": "معاونت اقتصادی", "ag-mem": "شرکت دانش‌بنیان",
             "ag-fac": "استانداری", "ag-obs": "اداره‌کل هماهنگی", "ag-out": "سازمان پارک‌ها"}  # fmt: skip
    return {
        "agencies": [agency(i, i.upper(), n, level="external") for i, n in names.items()],
        "workingGroups": [{"id": GROUP, "nameFa": "کارگروه آزمایشی شهر حساس به آب", "level": "plan",
                           "members": [{"agencyId": a, "role": r} for a, r in ROLES.items()]}],
    }  # fmt: skip


def seed(registry: GraphQL) -> dict[str, GraphQL]:
    """Load the group; one GraphQL client per agency (and ``dir`` for the directorate)."""
    assert registry.settings is not None
    prepared = run_on_store(registry.settings, lambda store: import_bundle(store, governance_bundle()))
    assert not prepared.problems, prepared.problems
    clients = {a: registry.as_role("agency", a) for a in (*ROLES, "ag-out")}
    clients["dir"] = registry
    return clients


def code(errors: list[dict[str, Any]]) -> str:
    return str(errors[0]["extensions"]["code"])


MEETING = """mutation($i: WgMeetingInput!) { recordWgMeeting(input: $i) { id groupId date dateJalali agendaFa presentIds
  minutesFa version present { id } } }"""
DECISION = """mutation($i: WgDecisionInput!) { recordWgDecision(input: $i) { id status ownerId dueDate dueDateJalali meetingId
  actionId requestId version overdue } }"""
MOVE = """mutation($id: ID!, $to: DecisionStatus!, $c: String, $v: Int) { moveWgDecision(id: $id, to: $to, comment: $c,
  expectedVersion: $v) { id status version history { fromStatus toStatus agencyId role comment atJalali } } }"""
DRAFT = """mutation($i: TransparencyReportInput!) { draftTransparencyReport(input: $i) { id status version year period periodFa
  meetingsHeld decisionsMade decisionsDone decisionsOpen decisionsDropped pdfUrl } }"""
APPROVE = "mutation($id: ID!, $v: Int) { approveTransparencyReport(id: $id, expectedVersion: $v) { id status version approvedBy } }"
PUBLISH = "mutation($id: ID!, $v: Int) { publishTransparencyReport(id: $id, expectedVersion: $v) { id status version pdfUrl publishedBy } }"
