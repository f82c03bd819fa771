"""The portal's agreement pages over plain HTTP on the demo: an agency sees its agreements, answers
a delivery (a dispute needs a reason), files an order; refusals are Persian sentences beside the
form; an agreement it is no party to is the same 404 page as one that does not exist."""

from __future__ import annotations

import re
from typing import Any

from tests.conftest import GraphQL
from tests.portal.conftest import agency_client, csrf_of, portal  # noqa: F401  (fixtures)


def post(client: Any, ident: str, **form: str) -> Any:
    page = client.get(f"/portal/agreements/{ident}")
    return client.post(f"/portal/agreements/{ident}/act", data={"csrf": csrf_of(page.text), **form})


def test_an_agency_works_its_agreements_in_persian(portal: GraphQL, agency_client: Any) -> None:  # noqa: F811
    parks = agency_client("ag-parks")
    listed = parks.get("/portal/agreements")
    assert listed.status_code == 200 and 'dir="rtl"' in listed.text
    assert sorted(re.findall(r'data-agreement="([^"]+)"', listed.text)) == ["agr-demo-effluent-parks", "agr-demo-green-parks"]
    assert "منتظر پاسخ شما" in listed.text and "عقب‌افتاده" in listed.text
    badge = re.search(r'id="nav-agreements-awaiting"[^>]*>([^<]+)<', parks.get("/portal/dashboard").text)
    assert badge and badge.group(1) == "۱"  # the bar on every page: one delivery awaits the parks organisation
    page = parks.get("/portal/agreements/agr-demo-effluent-parks")
    step = re.search(r'id="answer-([^"]+)"', page.text)
    assert step and "۳٬۶۰۰٬۰۰۰٬۰۰۰" in page.text  # Persian digits and separators
    refused = post(parks, "agr-demo-effluent-parks", action="answer", stepId=step.group(1), answer="disputed")
    assert refused.status_code == 400 and "دلیل رد یا اعتراض را بنویسید" in refused.text
    wrong = post(parks, "agr-demo-effluent-parks", action="performance", valueRials="۱۰۰")
    assert wrong.status_code == 403 and "این گام را فقط ارائه‌دهنده قرارداد می‌تواند بردارد" in wrong.text
    done = post(parks, "agr-demo-effluent-parks", action="answer", stepId=step.group(1), answer="accepted")
    assert done.status_code == 303
    after = parks.get(done.headers["location"])
    assert f'data-step="{step.group(1)}" data-status="accepted"' in after.text and "ثبت شد." in after.text
    assert 'id="nav-agreements-awaiting"' not in after.text  # nothing awaits it any more
    order = post(parks, "agr-demo-effluent-parks", action="order", titleFa="پساب زمستان", valueRials="۲٬۵۰۰٬۰۰۰٬۰۰۰",
                 dueDate="۱۴۰۵/۱۰/۳۰")  # fmt: skip
    assert order.status_code == 303
    data = portal.ok("""{ agreement(id: "agr-demo-effluent-parks") { steps(kind: ORDER) { titleFa status value dueDateJalali byAgencyId } } }""")
    assert data["agreement"]["steps"][-1] == {"titleFa": "پساب زمستان", "status": "PLACED", "value": 2_500_000_000,
                                              "dueDateJalali": "1405/10/30", "byAgencyId": "ag-parks"}  # fmt: skip
    english = parks.get("/portal/agreements/agr-demo-effluent-parks?lang=en")
    assert english.status_code == 200 and 'dir="ltr"' in english.text and "Place an order" in english.text
    assert "1405/10/30" in english.text and "placed" in english.text


def test_a_stranger_gets_the_same_page_as_for_nothing(portal: GraphQL, agency_client: Any) -> None:  # noqa: F811
    fire = agency_client("ag-fire")
    theirs, missing = fire.get("/portal/agreements/agr-demo-effluent-parks"), fire.get("/portal/agreements/agr-nothing")
    assert theirs.status_code == missing.status_code == 404
    def same(text: str, ident: str) -> str:  # the page's CSP nonce changes with every answer
        return re.sub(r'nonce="[^"]+"', "", text.replace(ident, "X"))

    assert same(theirs.text, "agr-demo-effluent-parks") == same(missing.text, "agr-nothing")
    page = fire.get("/portal/agreements/agr-demo-fire-d9")  # its own
    posted = fire.post("/portal/agreements/agr-demo-effluent-parks/act", data={"csrf": csrf_of(page.text), "action": "sign"})
    assert posted.status_code == 404
    assert 'data-agreement="agr-demo-effluent-parks"' not in fire.get("/portal/agreements").text
