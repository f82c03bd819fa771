"""The agreement pages in headless Chromium: the provider accepts an order and reports its delivery,
the receiver accepts it and records the payment, the provider confirms it; the pages are right to
left (checked on the screenshot's pixels, as the request pages are)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.conftest import GraphQL, LiveServer
from tests.portal.conftest import Offline, agency_token, browser, new_page, offline, portal  # noqa: F401  (fixtures)
from tests.portal.test_portal_browser import check_right_to_left, sign_in

DUCTS = "agr-demo-abfa-ducts"


def act(page: Any) -> None:
    page.wait_for_selector("#flash")
    assert page.inner_text("#flash") == "ثبت شد."


def test_order_delivery_and_payment_in_the_browser(portal: GraphQL, live: LiveServer, new_page: Any, tmp_path: Path) -> None:  # noqa: F811
    assert portal.settings is not None
    abfa, ict = new_page(), new_page()
    sign_in(abfa, live, agency_token(portal.settings, "ag-abfa"))
    sign_in(ict, live, agency_token(portal.settings, "ag-ict"))
    abfa.click("#nav-agreements")
    abfa.wait_for_url(re.compile("/portal/agreements$"))
    check_right_to_left(abfa, tmp_path / "agreements.png")  # the list: «قراردادها» at the right, on the pixels too
    abfa.click(f'tr[data-agreement="{DUCTS}"] a')
    abfa.wait_for_url(re.compile(f"/portal/agreements/{DUCTS}$"))
    assert abfa.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert "در انتظار پذیرش" in abfa.inner_text("#steps") and "۱٬۶۰۰٬۰۰۰٬۰۰۰" in abfa.inner_text("#steps")
    abfa.screenshot(path=str(tmp_path / "agreement.png"))
    (form,) = abfa.query_selector_all("form.answer-form")
    form.query_selector("select").select_option("accepted")
    form.query_selector("button").click()
    act(abfa)
    abfa.fill("#performance-value", "۱٬۶۰۰٬۰۰۰٬۰۰۰")
    abfa.fill("#performance-title", "حق عبور ۴ کیلومتر تا ثامن")
    abfa.select_option("#performance-ref", index=2)  # the second accepted order
    abfa.click("#submit-performance")
    act(abfa)

    ict.goto(f"{live.url}/portal/agreements/{DUCTS}")
    answer = ict.query_selector("form.answer-form")
    answer.query_selector("select").select_option("accepted")
    answer.query_selector("button").click()
    act(ict)
    ict.fill("#settlement-value", "1600000000")
    ict.click("#submit-settlement")
    act(ict)
    ict.screenshot(path=str(tmp_path / "ict.png"))

    abfa.reload()
    pay = abfa.query_selector("form.answer-form")
    pay.query_selector("select").select_option("confirmed")
    pay.query_selector("button").click()
    act(abfa)
    statuses = abfa.eval_on_selector_all("#steps tr[data-step]", "rows => rows.map(r => r.dataset.status)")
    assert statuses.count("confirmed") == 2 and "placed" not in statuses and "reported" not in statuses
    data = portal.ok(f'{{ agreement(id: "{DUCTS}") {{ late paidRials steps(kind: SETTLEMENT) {{ status byAgencyId answeredByAgencyId }} }} }}')
    assert data["agreement"]["steps"][-1] == {"status": "CONFIRMED", "byAgencyId": "ag-ict", "answeredByAgencyId": "ag-abfa"}
    assert data["agreement"]["paidRials"] == 4_800_000_000 + 1_600_000_000 and data["agreement"]["late"] is False
