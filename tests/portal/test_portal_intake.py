"""Issue 19 item 2 on the portal: an agency raising an issue names its information source and level."""

from __future__ import annotations

from typing import Any

from tests.conftest import GraphQL
from tests.portal.test_portal_http import post_form


def test_an_agency_raises_an_issue_with_its_source_and_level(portal: GraphQL, agency_client: Any) -> None:
    d9 = agency_client("ag-d9")
    form = d9.get("/portal/issues/new").text
    assert 'id="source"' in form and "نتایج نظرسنجی شهروندی در بستر اپلیکیشن شهرمن و سامانه ۱۳۷" in form
    assert '<option value="district">منطقه‌ای</option>' in form
    base = {"titleFa": "گلایه ساکنان از آب‌گرفتگی زیرگذر", "concernsIds": ["ag-abfa"], "category": "service_delivery",
            "severity": "medium"}
    bad = post_form(d9, "/portal/issues/new", base | {"source": "gossip", "level": "district"})
    assert bad.status_code == 422
    block = bad.text.split('id="field-source"')[1].split("</div>")[0]
    assert 'id="err-source"' in block and "در واژگان شناخته نیست" in block
    ok = post_form(d9, "/portal/issues/new", base | {"source": "neighbourhood_councils", "level": "district"})
    assert ok.status_code == 303
    found = portal.ok('{ issues(filter: {source: "neighbourhood_councils", level: DISTRICT}, first: 50) { nodes { titleFa raisedBy { id } } } }')
    assert {"titleFa": base["titleFa"], "raisedBy": {"id": "ag-d9"}} in found["issues"]["nodes"]


def test_the_dashboard_shows_the_committees_decision_on_our_issues(portal: GraphQL, agency_client: Any) -> None:
    gas = agency_client("ag-gas").get("/portal/dashboard").text
    about = gas.split('id="issues-about"')[1].split("</section>")[0]
    row = about.split('data-issue="is-excavation-d10"')[1].split("</tr>")[0]
    assert "تلفیق و پذیرش" in row and "اولویت ۱" in row and "معاونت فنی و عمرانی" in row
    council = agency_client("ag-council").get("/portal/dashboard").text
    raised = council.split('id="issues-raised"')[1].split("</section>")[0]
    assert "<span" in raised.split('data-issue="is-plan-reporting"')[1].split("</tr>")[0]  # rejected, with its reason
    assert "رد" in raised.split('data-issue="is-plan-reporting"')[1].split("</tr>")[0]
    parks = agency_client("ag-parks").get("/portal/dashboard").text
    section = parks.split('id="issues-about"')[1].split("</section>")[0]
    assert "تلفیق و پذیرش" not in section and "اولویت" not in section  # no decided proposal holds parks' issues
