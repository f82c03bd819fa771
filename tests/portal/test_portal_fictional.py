"""Issue 19: an invented body of the demo is named with «نام ساختگی» wherever the portal names it."""

from __future__ import annotations

from typing import Any

from tests.conftest import GraphQL


def test_an_invented_firm_is_marked_in_its_portal_header_and_a_real_body_is_not(portal: GraphQL, agency_client: Any) -> None:
    firm = agency_client("ag-kbf-sabz").get("/portal/dashboard")
    assert firm.status_code == 200
    assert "سبزپالایش خراسان (نام ساختگی)" in firm.text
    real = agency_client("ag-abfa").get("/portal/dashboard")
    assert real.status_code == 200 and "شرکت آب و فاضلاب مشهد" in real.text and "نام ساختگی" not in real.text
    english = agency_client("ag-kbf-sabz").get("/portal/dashboard", params={"lang": "en"})
    assert "greywater recycling) (fictional name)" in english.text
