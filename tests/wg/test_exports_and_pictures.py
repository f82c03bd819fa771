"""Working-group governance in the exports and pictures (issue 19 item 7): Popolo events for meetings,
posts for every role, the group's plan and parent; the groups overlay coloured by role."""

from __future__ import annotations

from service.interop.popolo import popolo_errors
from tests.conftest import GraphQL


def test_popolo_has_the_roles_the_groups_plan_and_their_meetings_as_events(demo: GraphQL) -> None:
    document = demo.get("/interop/export.popolo").json()
    assert popolo_errors(document) == []
    roles = {(p["organization_id"], p["role"]) for p in document["posts"]}
    assert {("wg-wsc-finance", "facilitator"), ("wg-wsc-finance", "secretariat"), ("wg-wsc-process", "supervisor")} <= roles
    labels = {p["id"]: p["label"] for p in document["posts"]}
    assert labels["wg-wsc-finance/facilitator"].startswith("تسهیل‌گر")
    finance = next(o for o in document["organizations"] if o["id"] == "wg-wsc-finance")
    assert {"scheme": "hamahang-city-plan", "identifier": "pl-mashhad-wsc"} in finance["identifiers"]
    events = {e["organization_id"]: e for e in document["events"]}
    assert set(events) >= {"wg-wsc-process", "wg-wsc-content", "wg-wsc-knowledge", "wg-wsc-finance"}
    meeting = events["wg-wsc-finance"]
    assert meeting["classification"] == "meeting" and meeting["start_date"] == "2026-09-01"  # 1405/06/10
    assert {"@type": "Organization", "id": "ag-governorate"} in meeting["attendees"] and "استانداری" in meeting["description"]
    # a filtered export keeps only the meetings of the groups it holds, and still resolves
    districts = demo.get("/interop/export.popolo", params={"kind": "district"}).json()
    assert popolo_errors(districts) == [] and all(e["organization_id"] in {o["id"] for o in districts["organizations"]} for e in districts["events"])
    broken = dict(document, events=[dict(meeting, organization_id="wg-nowhere")])
    assert any("event" in e for e in popolo_errors(broken))


def test_the_groups_overlay_draws_each_role(demo: GraphQL) -> None:
    page = demo.get("/graph/overlay/groups")
    assert page.status_code == 200
    text = page.text
    for word in ("دبیرخانه", "ناظر", "تسهیل‌گر", "کارگروه مذاکره و تأمین مالی"):
        assert word in text, word
    assert "role_secretariat" in text and "role_facilitator" in text
    assert demo.as_role("agency", "ag-abfa").get("/graph/overlay/groups").status_code == 403
