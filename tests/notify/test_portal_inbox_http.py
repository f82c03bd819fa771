"""The portal inbox over plain HTTP: English on request, a post without the session's CSRF field
refused, another agency's notification ids change nothing, and no session means the sign-in page."""

from __future__ import annotations

import re

from tests.conftest import LiveServer
from tests.notify.conftest import Town, token_for
from tests.portal.conftest import csrf_of, sign_in

SWEEP = "mutation { sweepNotifications { created } }"
IDS = "{ notifications(first: 100) { unreadCount nodes { id } } }"


def test_portal_inbox_refusals_and_english(town: Town, notify_app: LiveServer) -> None:
    town.gql.ok(SWEEP)
    water_ids = [n["id"] for n in town.agency("ag-water").ok(IDS)["notifications"]["nodes"]]
    parks = sign_in(notify_app.url, token_for(town.settings, "agency", "ag-parks"))
    try:
        page = parks.get("/portal/inbox?lang=en")
        assert page.status_code == 200 and "7 unread of 7" in page.text and 'dir="ltr"' in page.text
        assert "Request “درخواست soon” is due soon: 2026-12-02" in page.text.replace("&#34;", '"')
        csrf = csrf_of(page.text)
        refused = parks.post("/portal/inbox/read", data={"all": "1", "csrf": "forged"})
        assert refused.status_code == 403
        moved = parks.post("/portal/inbox/read", data={"id": water_ids, "csrf": csrf}, follow_redirects=False)
        assert moved.status_code == 303 and moved.headers["location"] == "/portal/inbox?flash=done_read"
        assert town.agency("ag-water").ok(IDS)["notifications"]["unreadCount"] == len(water_ids)  # untouched
        page = parks.get("/portal/inbox?lang=fa")
        assert re.search(r'id="nav-unread"[^>]*>۷<', page.text)  # parks's own are all still unread too
        parks.cookies.clear()
        assert parks.get("/portal/inbox", follow_redirects=False).headers["location"] == "/portal/login"
        assert parks.post("/portal/inbox/read", data={"all": "1"}, follow_redirects=False).headers["location"] == "/portal/login"
    finally:
        parks.close()
