"""The portal over plain HTTP (no browser): sign-in rules, cookies, CSRF, the policy, forms and
the workflow, and that no page points outside the app."""

from __future__ import annotations

import re
from typing import Any

import httpx

from service.auth.tokens import list_tokens, revoke_token
from tests.conftest import GraphQL, LiveServer, run_on_store
from tests.portal.conftest import agency_token, csrf_of, off_loop, sign_in

EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["'](?!/(?!/))[^"']*["']""")


def sent_count(portal: GraphQL, agency_id: str) -> int:
    data = portal.ok("query($a: ID!) { requests(filter: {senderId: $a}) { totalCount } }", a=agency_id)
    return int(data["requests"]["totalCount"])


def same_page(page: str, ident: str) -> str:
    """A page with this id and its per-response CSP nonce blanked, to compare two answers."""
    return re.sub(r'nonce="[^"]*"', 'nonce=""', page).replace(ident, "X")


def post_form(client: httpx.Client, path: str, data: dict[str, Any]) -> httpx.Response:
    page = client.get(path)
    return client.post(path, data={"csrf": csrf_of(page.text), **data})


def test_sign_in_page_is_persian_rtl_and_local_only(portal: GraphQL, live: LiveServer) -> None:
    page = httpx.get(f"{live.url}/portal/login")
    assert page.status_code == 200
    assert '<html lang="fa" dir="rtl">' in page.text
    assert "ورود با توکن دستگاه" in page.text
    assert 'href="/static/hamahang.css"' in page.text
    assert not EXTERNAL.findall(page.text), EXTERNAL.findall(page.text)
    assert "default-src 'self'" in page.headers["content-security-policy"]
    font = httpx.get(f"{live.url}/static/fonts/Vazirmatn-Regular.woff2")
    assert font.status_code == 200 and font.content[:4] == b"wOF2"


def test_wrong_token_and_directorate_token_are_refused(portal: GraphQL, live: LiveServer) -> None:
    with httpx.Client(base_url=live.url) as client:
        wrong = post_form(client, "/portal/login", {"token": "hmh_not-a-real-token"})
        assert wrong.status_code == 401
        assert 'id="err-token"' in wrong.text and "توکن نامعتبر یا باطل‌شده است" in wrong.text
        assert "hmh_portal" not in wrong.headers.get("set-cookie", "")
        directorate = post_form(client, "/portal/login", {"token": str(portal.token)})
        assert directorate.status_code == 403 and "این درگاه ویژهٔ دستگاه‌هاست" in directorate.text
        assert client.get("/portal/dashboard").status_code == 303


def test_session_cookie_is_signed_httponly_strict_and_not_the_token(portal: GraphQL, live: LiveServer) -> None:
    assert portal.settings is not None
    token = agency_token(portal.settings, "ag-parks")
    with httpx.Client(base_url=live.url) as client:
        response = post_form(client, "/portal/login", {"token": token})
        assert response.status_code == 303 and response.headers["location"] == "/portal/dashboard"
        cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("hmh_portal="))
        assert (
            "HttpOnly" in cookie
            and "SameSite=strict" in cookie.replace("Strict", "strict")
            and "Path=/portal" in cookie
        )
        assert token not in cookie and token.removeprefix("hmh_") not in cookie
        assert client.get("/portal/dashboard").status_code == 200
        sealed = client.cookies["hmh_portal"]
        # not the last character: its low bits are base64 padding, which decodes to the same signature
        forged_value = sealed[:-2] + ("A" if sealed[-2] != "A" else "B") + sealed[-1]
        forged = httpx.get(f"{live.url}/portal/dashboard", cookies={"hmh_portal": forged_value})
        assert forged.status_code == 303  # a tampered signature is no session


def test_login_needs_its_csrf_field(portal: GraphQL, live: LiveServer) -> None:
    assert portal.settings is not None
    token = agency_token(portal.settings, "ag-parks")
    with httpx.Client(base_url=live.url) as client:
        client.get("/portal/login")
        refused = client.post("/portal/login", data={"token": token})
        assert refused.status_code == 403 and "فرم منقضی شده" in refused.text


def test_forms_refuse_a_missing_or_foreign_csrf_token(portal: GraphQL, agency_client: Any) -> None:
    parks, abfa = agency_client("ag-parks"), agency_client("ag-abfa")
    before = sent_count(portal, "ag-parks")
    data = {"receiverId": "ag-abfa", "subject": "بی‌توکن"}
    assert parks.post("/portal/requests/new", data=data).status_code == 403
    foreign = csrf_of(abfa.get("/portal/requests/new").text)  # another session's token
    assert parks.post("/portal/requests/new", data=data | {"csrf": foreign}).status_code == 403
    assert parks.post("/portal/requests/rq-fire-land/move", data={"to": "in_progress"}).status_code == 403
    assert sent_count(portal, "ag-parks") == before


def test_sign_out_ends_the_session_and_revoking_the_token_does_too(portal: GraphQL, live: LiveServer) -> None:
    assert portal.settings is not None
    settings = portal.settings
    client = sign_in(live.url, agency_token(settings, "ag-parks"))
    page = client.get("/portal/dashboard")
    out = client.post("/portal/logout", data={"csrf": csrf_of(page.text)})
    assert out.status_code == 303 and "flash=signed_out" in out.headers["location"]
    assert client.get("/portal/dashboard").status_code == 303
    client.close()

    client = sign_in(live.url, agency_token(settings, "ag-fire"))
    assert client.get("/portal/dashboard").status_code == 200

    async def revoke(store: Any) -> None:
        for row in await list_tokens(store):
            if row.get("agencyId") == "ag-fire" and not row.get("revokedAt"):
                await revoke_token(store, row["id"])

    off_loop(run_on_store, settings, revoke)
    assert client.get("/portal/dashboard").status_code == 303  # the live token is checked on every request
    client.close()


def test_dashboard_shows_the_agency_and_only_what_it_may_read(portal: GraphQL, agency_client: Any) -> None:
    page = agency_client("ag-parks").get("/portal/dashboard")
    assert page.status_code == 200
    html = page.text
    assert "سازمان پارک‌ها و فضای سبز شهرداری مشهد" in html
    for section in ("sent", "received", "capacities", "needs", "issues-raised", "issues-about", "opportunities"):
        assert f'id="{section}"' in html
    assert 'data-request="rq-parks-compost"' in html and 'data-request="rq-fire-land"' in html
    row = re.search(r'<tr data-request="rq-fire-land"[^>]*>.*?</tr>', html, re.DOTALL)
    assert row and 'class="overdue"' in row.group(0) and "۱۴۰۴/۰۳/۳۱" in row.group(0) and "دیرکرد" in row.group(0)
    done = re.search(r'<tr data-request="rq-parks-compost"[^>]*>.*?</tr>', html, re.DOTALL)
    assert done and "overdue" not in done.group(0) and "انجام‌شده" in done.group(0)
    assert "rq-ict-ducts" not in html and "rq-coord-plans-gas" not in html  # other agencies' requests
    assert 'data-record="ex-abfa-effluent-parks"' in html  # parks' effluent for irrigation is arranged already
    assert "یک رکورد خصوصیِ" not in html  # opportunities come from parks' own view: no one else's private record
    assert not EXTERNAL.findall(html)
    gas = agency_client("ag-gas").get("/portal/dashboard").text
    # gas sees, in its own view, district 11's halls answering its classrooms need (the rest of the cycle is others')
    assert 'data-opportunity="offer:ca-d11-halls:ne-gas-classrooms"' in gas


def test_an_agency_cannot_open_or_move_another_agencies_request(portal: GraphQL, agency_client: Any) -> None:
    parks = agency_client("ag-parks")
    """Another agency's request answers exactly as a request that does not exist: a 404 page."""
    page = parks.get("/portal/requests/rq-ict-ducts")
    missing = parks.get("/portal/requests/rq-nope-xyz")
    assert page.status_code == missing.status_code == 404
    assert same_page(page.text, "rq-ict-ducts") == same_page(missing.text, "rq-nope-xyz")
    csrf = csrf_of(parks.get("/portal/dashboard").text)
    moved = parks.post("/portal/requests/rq-ict-ducts/move", data={"csrf": csrf, "to": "done"})
    nowhere = parks.post("/portal/requests/rq-nope-xyz/move", data={"csrf": csrf, "to": "done"})
    assert moved.status_code == nowhere.status_code == 404
    assert same_page(moved.text, "rq-ict-ducts") == same_page(nowhere.text, "rq-nope-xyz")
    status = portal.ok('{ request(id: "rq-ict-ducts") { status } }')["request"]["status"]
    assert status == "IN_PROGRESS"


def test_workflow_rules_come_from_move_request(portal: GraphQL, agency_client: Any) -> None:
    parks, fire = agency_client("ag-parks"), agency_client("ag-fire")
    created = post_form(parks, "/portal/requests/new", {"receiverId": "ag-fire", "subject": "درخواست آزمایشی"})
    assert created.status_code == 303
    path = created.headers["location"].split("?")[0]
    page = parks.get(path)
    assert '<option value="withdrawn">' in page.text and '<option value="acknowledged">' not in page.text
    # the sender may not acknowledge: the use case refuses, the page says so in Persian
    refused = parks.post(f"{path}/move", data={"csrf": csrf_of(page.text), "to": "acknowledged"})
    assert refused.status_code == 403 and "این گام را فقط دستگاه گیرنده می‌تواند بردارد" in refused.text
    # the receiver may not jump to done: an illegal transition, shown next to the status field
    page = fire.get(path)
    illegal = fire.post(f"{path}/move", data={"csrf": csrf_of(page.text), "to": "done"})
    assert illegal.status_code == 422 and 'id="err-to"' in illegal.text and "نمی‌تواند «انجام‌شده» شود" in illegal.text
    ok = fire.post(f"{path}/move", data={"csrf": csrf_of(page.text), "to": "acknowledged", "comment": "رسید"})
    assert ok.status_code == 303
    stale = fire.post(f"{path}/move", data={"csrf": csrf_of(page.text), "to": "in_progress", "version": "1"})
    assert stale.status_code == 409 and "کس دیگری تغییر داده است" in stale.text


def test_register_capacity_need_and_issue(portal: GraphQL, agency_client: Any) -> None:
    parks, abfa = agency_client("ag-parks"), agency_client("ag-abfa")
    capacity = post_form(parks, "/portal/capacities/new", {
        "titleFa": "نهال‌های مازاد نهالستان", "kind": "equipment", "quantity": "۱۲۰۰", "unit": "اصله",
        "availableFrom": "۱۴۰۵/۰۱/۰۱", "availableTo": "۱۴۰۵/۰۶/۳۱",
    })  # fmt: skip
    assert capacity.status_code == 303 and capacity.headers["location"].endswith("flash=done_capacity")
    need = post_form(
        parks, "/portal/needs/new", {"titleFa": "داده‌های شبکهٔ آبیاری", "kind": "data", "valueRials": "۵۰٬۰۰۰"}
    )
    assert need.status_code == 303
    issue = post_form(parks, "/portal/issues/new", {
        "titleFa": "قطع مکرر آب آبیاری در منطقه ۹", "concernsIds": ["ag-abfa"], "category": "service_delivery",
        "severity": "high",
    })  # fmt: skip
    assert issue.status_code == 303
    board = parks.get("/portal/dashboard?flash=done_issue").text
    assert "مسئله ثبت شد." in board
    assert "نهال‌های مازاد نهالستان" in board and "۱٬۲۰۰ اصله" in board and "۱۴۰۵/۰۱/۰۱" in board
    assert "داده‌های شبکهٔ آبیاری" in board and "قطع مکرر آب آبیاری در منطقه ۹" in board
    about = abfa.get("/portal/dashboard").text
    section = about.split('id="issues-about"')[1].split("</section>")[0]
    assert "قطع مکرر آب آبیاری در منطقه ۹" in section
    assert "داده‌های شبکهٔ آبیاری" not in about  # parks' need is private to parks


def test_field_errors_are_persian_and_next_to_their_field(portal: GraphQL, agency_client: Any) -> None:
    parks = agency_client("ag-parks")
    bad = post_form(parks, "/portal/issues/new", {"titleFa": "", "category": "legal", "severity": "nope"})
    assert bad.status_code == 422
    for field, message in (("titleFa", "این فیلد"), ("concernsIds", "این فیلد لازم است"),
                           ("severity", "این مقدار در فهرست مقدارهای مجاز نیست")):  # fmt: skip
        block = bad.text.split(f'id="field-{field}"')[1].split("</div>")[0]
        assert f'id="err-{field}"' in block and message in block, (field, block)
    assert 'id="err-category"' not in bad.text
    before = sent_count(portal, "ag-parks")
    date = post_form(parks, "/portal/requests/new", {"receiverId": "ag-abfa", "subject": "x", "dueDate": "۱۴۰۴/۱۴/۴۰"})
    block = date.text.split('id="field-dueDate"')[1].split("</div>")[0]
    assert 'id="err-dueDate"' in block and "تاریخ نادرست است" in block and 'value="۱۴۰۴/۱۴/۴۰"' in block
    assert sent_count(portal, "ag-parks") == before


def test_a_double_submit_files_one_request(portal: GraphQL, agency_client: Any) -> None:
    parks = agency_client("ag-parks")
    before = sent_count(portal, "ag-parks")
    form = parks.get("/portal/requests/new").text
    idem = re.search(r'name="idem" value="([^"]+)"', form)
    assert idem
    data = {"csrf": csrf_of(form), "idem": idem.group(1), "receiverId": "ag-ict", "subject": "دو بار"}
    first, second = parks.post("/portal/requests/new", data=data), parks.post("/portal/requests/new", data=data)
    assert first.headers["location"] == second.headers["location"]
    assert sent_count(portal, "ag-parks") == before + 1


def test_english_switch(portal: GraphQL, agency_client: Any) -> None:
    parks = agency_client("ag-parks")
    page = parks.get("/portal/dashboard?lang=en")
    assert '<html lang="en" dir="ltr">' in page.text and "Requests sent" in page.text and "1404/03/31" in page.text
    assert "hmh_lang=en" in page.headers["set-cookie"]
    again = parks.get("/portal/dashboard")  # the cookie remembers
    assert "Requests sent" in again.text
    bad = post_form(parks, "/portal/requests/new", {"receiverId": "ag-abfa", "subject": "x", "dueDate": "1404/14/40"})
    assert "no such date" in bad.text.split('id="field-dueDate"')[1].split("</div>")[0]
    assert '<html lang="fa" dir="rtl">' in parks.get("/portal/dashboard?lang=fa").text


IDEM = re.compile(r'name="idem" value="([^"]+)"')


def test_form_idempotency_keys_belong_to_the_token_and_to_one_input(portal: GraphQL, agency_client: Any) -> None:
    """Two agencies posting the need form with one key each get their own need; a resent form with
    the same input makes nothing new; the same key with another input is refused, and the page
    offers a fresh key so that sending it again is a new record."""
    parks, water = agency_client("ag-parks"), agency_client("ag-abfa")
    page = parks.get("/portal/needs/new").text
    key = IDEM.search(page).group(1)  # type: ignore[union-attr]
    need = {"csrf": csrf_of(page), "idem": key, "titleFa": "نیاز با کلید مشترک", "kind": "data"}
    assert parks.post("/portal/needs/new", data=need).status_code == 303
    assert parks.post("/portal/needs/new", data=need).status_code == 303  # the double click
    theirs = need | {"csrf": csrf_of(water.get("/portal/needs/new").text), "titleFa": "نیاز آبفا با همان کلید"}
    assert water.post("/portal/needs/new", data=theirs).status_code == 303
    query = '{ needs(filter: {q: "کلید"}, first: 10) { nodes { agencyId titleFa } } }'
    assert sorted((n["agencyId"], n["titleFa"]) for n in portal.ok(query)["needs"]["nodes"]) == [
        ("ag-abfa", "نیاز آبفا با همان کلید"), ("ag-parks", "نیاز با کلید مشترک"),
    ]  # fmt: skip
    changed = parks.post("/portal/needs/new", data=need | {"titleFa": "نیاز دیگری با همان کلید"})
    assert changed.status_code == 422 and "کلید تکرارناپذیری" in changed.text
    fresh = IDEM.search(changed.text).group(1)  # type: ignore[union-attr]
    assert fresh != key
    again = parks.post("/portal/needs/new", data=need | {"titleFa": "نیاز دیگری با همان کلید", "idem": fresh,
                                                          "csrf": csrf_of(changed.text)})  # fmt: skip
    assert again.status_code == 303 and len(portal.ok(query)["needs"]["nodes"]) == 3


def test_a_request_form_may_not_be_about_another_agencies_private_need(portal: GraphQL, agency_client: Any) -> None:
    parks = agency_client("ag-parks")
    other = portal.ok('{ needs(filter: {agencyId: "ag-fire"}, first: 1) { nodes { id } } }')["needs"]["nodes"][0]["id"]
    before = sent_count(portal, "ag-parks")
    refused = post_form(parks, "/portal/requests/new", {"receiverId": "ag-fire", "subject": "درباره نیاز شما", "aboutId": other})
    missing = post_form(parks, "/portal/requests/new", {"receiverId": "ag-fire", "subject": "درباره نیاز شما", "aboutId": "ne-nope-xyz"})
    assert refused.status_code == missing.status_code == 422
    assert 'id="err-aboutId"' in refused.text and other in refused.text
    assert sent_count(portal, "ag-parks") == before
