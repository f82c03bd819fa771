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


def test_an_agency_records_a_draft_and_both_sign_it(portal: GraphQL, agency_client: Any) -> None:  # noqa: F811
    parks, fire = agency_client("ag-parks"), agency_client("ag-fire")
    form = parks.get("/portal/agreement/new")
    assert form.status_code == 200 and "ثبت قرارداد" in form.text
    base = {"csrf": csrf_of(form.text), "titleFa": "آموزش ایمنی باغبانان", "kind": "service", "side": "receiver",
            "counterpart": "آتش‌نشانی", "valueRials": "۴۵۰٬۰۰۰٬۰۰۰", "periodFrom": "۱۴۰۵/۱۰/۰۱", "periodTo": "۱۴۰۵/۱۲/۲۹"}  # fmt: skip
    unknown = parks.post("/portal/agreement/new", data=base | {"counterpart": "هیچ‌کس"})
    assert unknown.status_code == 422 and "پیدا نشد" in unknown.text
    backwards = parks.post("/portal/agreement/new", data=base | {"periodTo": "۱۴۰۵/۰۱/۰۱"})
    assert backwards.status_code == 422 and 'id="refusal"' in backwards.text
    made = parks.post("/portal/agreement/new", data=base)
    assert made.status_code == 303
    ident = made.headers["location"].split("/")[-1].split("?")[0]
    data = portal.ok("query($id: ID!) { agreement(id: $id) { status providerIds receiverIds value periodFromJalali } }", id=ident)
    assert data["agreement"] == {"status": "DRAFT", "providerIds": ["ag-fire"], "receiverIds": ["ag-parks"],
                                 "value": 450_000_000, "periodFromJalali": "1405/10/01"}  # fmt: skip
    assert post(parks, ident, action="sign").status_code == 303
    assert 'id="sign-form"' in fire.get(f"/portal/agreements/{ident}").text  # the fire service sees it awaits its signature
    assert post(fire, ident, action="sign").status_code == 303
    assert portal.ok("query($id: ID!) { agreement(id: $id) { status } }", id=ident)["agreement"]["status"] == "SIGNED"
