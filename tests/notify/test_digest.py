"""The daily digest, received by a real SMTP server (aiosmtpd on loopback): one mail per recipient
per day, in Persian (plain text and right-to-left HTML, Jalali date, Persian digits), never twice;
a send the server refuses is recorded as failed and sent by the next sweep."""

from __future__ import annotations

import asyncio
from typing import Any

from service.notify.sweep import Sweeper
from service.settings import Settings
from tests.conftest import free_port, run_on_store
from tests.notify.conftest import DIRECTORATE_MAIL, Smtp, Town, notify_settings

SWEEP = "mutation { sweepNotifications { created digestsSent digestsFailed } }"
DIGESTS = "{ notificationDigests { recipient day status attempts email items error } }"


def test_one_persian_digest_per_recipient_per_day(town: Town, smtp: Smtp) -> None:
    seen = len(smtp.sink.messages)
    report = town.gql.ok(SWEEP)["sweepNotifications"]
    # parks and the municipality have a contact e-mail; water has none; the directorate has its mailbox
    assert report["digestsSent"] == 3 and report["digestsFailed"] == 0
    mails = smtp.sink.messages[seen:]
    assert sorted(r for _, rcpts in smtp.sink.envelopes[seen:] for r in rcpts) == sorted(
        ["parks@mashhad.example", "city@mashhad.example", DIRECTORATE_MAIL])
    parks = next(m for m in mails if "parks@mashhad.example" in str(m["To"]))
    assert "۱۴۰۵/۰۹/۰۹" in str(parks["Subject"]) and "۷ اعلان" in str(parks["Subject"])
    assert parks["Content-Language"] == "fa" and parks["Auto-Submitted"] == "auto-generated"
    text = parks.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    page = parks.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "سازمان پارک‌ها، سلام." in text and "سررسید نزدیک" not in text  # titles, not kind labels
    assert "درخواست soon" in text and "۱۴۰۵/۰۹/۱۱" in text
    assert f"http://hamahang.example/portal/requests/{town.requests['soon']}" in text
    assert 'dir="rtl"' in page and 'lang="fa"' in page and "http://hamahang.example/portal/inbox" in page
    directorate = next(m for m in mails if DIRECTORATE_MAIL in str(m["To"]))
    assert "درخواست escalated" in directorate.get_body(("plain",)).get_content()  # type: ignore[union-attr]

    again = town.gql.ok(SWEEP)["sweepNotifications"]
    assert again["digestsSent"] == 0 and len(smtp.sink.messages) == seen + 3  # once a day, however many sweeps
    log = town.gql.ok(DIGESTS)["notificationDigests"]
    assert {(d["recipient"], d["status"], d["attempts"]) for d in log} == {
        ("agency:ag-parks", "sent", 1), ("agency:ag-city", "sent", 1), ("directorate", "sent", 1)}


def test_a_refused_send_is_recorded_and_sent_by_the_next_sweep(town: Town, smtp: Smtp, settings: Settings) -> None:
    """The first sweep's server is down (nothing listens on its port); the next one's answers."""
    broken = notify_settings(settings, Smtp("127.0.0.1", free_port(), smtp.sink))
    working = notify_settings(settings, smtp)
    seen = len(smtp.sink.messages)

    async def sweeps(store: Any) -> tuple[Any, Any, int, Any, Any]:
        failed = await Sweeper(store, broken).run(deliver=False)
        recorded = [r["node"] for r in await store.read("digest/list", {"day": None, "limit": 10})]
        received = len(smtp.sink.messages)
        sent = await Sweeper(store, working).run(deliver=False)
        again = await asyncio.gather(Sweeper(store, working).run(deliver=False), Sweeper(store, working).run(deliver=False))
        return failed, recorded, received, sent, again

    failed, recorded, received, sent, again = run_on_store(settings, sweeps)
    assert failed.digests.failed == 3 and failed.digests.sent == 0 and received == seen
    assert {d["status"] for d in recorded} == {"failed"} and all("Connection refused" in d["error"] or "Errno" in d["error"] for d in recorded)
    log = {d["recipient"]: d for d in town.gql.ok(DIGESTS)["notificationDigests"]}
    assert log["agency:ag-parks"]["status"] == "sent"
    assert log["agency:ag-parks"]["attempts"] == 2
    assert sent.digests.sent == 3 and sum(r.digests.sent for r in again) == 0
    assert len(smtp.sink.messages) == seen + 3
