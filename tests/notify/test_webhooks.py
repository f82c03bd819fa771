"""Webhooks against a real HTTP receiver on loopback that checks each signature itself (HMAC-SHA256
over "<t>.<body>", the scheme in the README): deliveries arrive signed, a refused one is retried with
backoff and logged, a receiver holding the wrong secret refuses them all, an agency manages only its
own webhooks, and internal addresses are refused unless the setting allows them (never in production)."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from service.notify.signing import verify
from service.settings import NotifySettings, Settings
from tests.conftest import GraphQL
from tests.notify.conftest import Town

REGISTER = """mutation($url: String!, $agencyId: ID) { registerWebhook(url: $url, agencyId: $agencyId, description: "سامانهٔ ما") {
  secret webhook { id agencyId url active } } }"""
DELIVERIES = """query($id: ID!) { webhookDeliveries(webhookId: $id) { id event status attempts lastStatusCode lastError log nextAttemptAt } }"""
SWEEP = "mutation { sweepNotifications { created queued } }"


@dataclass
class Receiver:
    """A small HTTP server: answers 500 to the first ``fail_first`` posts per path, then 204 when the
    signature checks out with the secret it was given for that path, 401 when it does not."""

    secrets: dict[str, str] = field(default_factory=dict)
    fail_first: dict[str, int] = field(default_factory=dict)
    got: list[dict[str, Any]] = field(default_factory=list)
    port: int = 0

    def check(self, path: str, header: str, body: bytes) -> bool:
        parts = dict(p.split("=", 1) for p in header.split(","))
        expected = hmac.new(self.secrets[path].encode(), parts["t"].encode() + b"." + body, hashlib.sha256).hexdigest()
        return abs(time.time() - int(parts["t"])) < 300 and hmac.compare_digest(expected, parts["v1"])

    def answer(self, path: str, header: str, body: bytes) -> int:
        valid = self.check(path, header, body)
        self.got.append({"path": path, "valid": valid, "body": json.loads(body), "header": header, "raw": body})
        if self.fail_first.get(path, 0) > 0:
            self.fail_first[path] -= 1
            return 500
        return 204 if valid else 401

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@pytest.fixture()
def receiver() -> Iterator[Receiver]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(state.answer(self.path, self.headers.get("Hamahang-Signature", ""), body))
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def test_deliveries_arrive_signed_are_retried_and_logged(town: Town, receiver: Receiver) -> None:
    parks, city = town.agency("ag-parks"), town.agency("ag-city")
    made = parks.ok(REGISTER, url=receiver.url("/parks"))["registerWebhook"]
    assert made["secret"].startswith("whsec_") and made["webhook"]["agencyId"] == "ag-parks" and made["webhook"]["active"]
    receiver.secrets["/parks"] = made["secret"]
    receiver.fail_first["/parks"] = 1
    wrong = city.ok(REGISTER, url=receiver.url("/city"))["registerWebhook"]
    receiver.secrets["/city"] = "whsec_not_the_one_we_were_given"

    first = town.gql.ok(SWEEP)["sweepNotifications"]
    assert first["queued"] == 7 + 1  # parks's seven notifications, the municipality's escalation
    log = parks.ok(DELIVERIES, id=made["webhook"]["id"])["webhookDeliveries"]
    assert len(log) == 7 and sorted(d["status"] for d in log) == ["delivered"] * 6 + ["retrying"]
    retrying = next(d for d in log if d["status"] == "retrying")
    assert retrying["attempts"] == 1 and retrying["lastStatusCode"] == 500 and retrying["nextAttemptAt"]
    time.sleep(0.3)  # the first retry waits webhook_backoff_s (0.2 s here)
    assert town.gql.ok(SWEEP)["sweepNotifications"]["queued"] == 7 + 1  # queued again: matched, not doubled
    log = {d["id"]: d for d in parks.ok(DELIVERIES, id=made["webhook"]["id"])["webhookDeliveries"]}
    assert {d["status"] for d in log.values()} == {"delivered"}
    again = log[retrying["id"]]
    assert again["attempts"] == 2 and len(again["log"]) == 2 and "HTTP 500" in again["log"][0] and "HTTP 204" in again["log"][1]

    to_parks = [g for g in receiver.got if g["path"] == "/parks"]
    assert len(to_parks) == 8 and all(g["valid"] for g in to_parks)  # 7 deliveries, one of them twice
    assert len({g["body"]["id"] for g in to_parks}) == 7
    news = next(g["body"] for g in to_parks if g["body"]["type"] == "request_due_soon")
    assert news["agencyId"] == "ag-parks" and "۱۴۰۵/۰۹/۱۱" in news["data"]["titleFa"]
    assert news["data"]["link"] == f"http://hamahang.example/portal/requests/{town.requests['soon']}"
    assert verify(made["secret"], to_parks[0]["header"], to_parks[0]["raw"])  # the documented scheme, both ways

    to_city = [g for g in receiver.got if g["path"] == "/city"]
    assert to_city and not any(g["valid"] for g in to_city)  # the receiver's secret is not this webhook's
    assert not verify("whsec_not_the_one_we_were_given", to_city[0]["header"], to_city[0]["raw"])
    city_log = city.ok(DELIVERIES, id=wrong["webhook"]["id"])["webhookDeliveries"]
    assert city_log[0]["status"] == "retrying" and city_log[0]["lastStatusCode"] == 401


def test_an_agency_manages_only_its_own_webhooks(town: Town, receiver: Receiver) -> None:
    parks, water = town.agency("ag-parks"), town.agency("ag-water")
    made = parks.ok(REGISTER, url=receiver.url("/parks"))["registerWebhook"]["webhook"]
    assert water.ok("{ webhooks { id } }")["webhooks"] == []
    assert water.ok('{ webhooks(agencyId: "ag-parks") { id } }')["webhooks"] == []
    assert [w["id"] for w in town.gql.ok('{ webhooks(agencyId: "ag-parks") { id } }')["webhooks"]] == [made["id"]]
    missing = water.errors(DELIVERIES, id=made["id"])
    unknown = water.errors(DELIVERIES, id="wh-none")
    assert missing[0]["extensions"]["code"] == unknown[0]["extensions"]["code"] == "NOT_FOUND"
    assert water.errors(REGISTER, url=receiver.url("/x"), agencyId="ag-parks")[0]["extensions"]["code"] == "FORBIDDEN"
    assert water.errors('mutation($id: ID!) { deactivateWebhook(id: $id) { id } }', id=made["id"])[0]["extensions"]["code"] == "NOT_FOUND"
    off = parks.ok('mutation($id: ID!) { deactivateWebhook(id: $id) { active } }', id=made["id"])
    assert off["deactivateWebhook"]["active"] is False
    assert town.gql.ok(SWEEP)["sweepNotifications"]["queued"] == 0 and receiver.got == []


def test_internal_addresses_are_refused_unless_allowed(town: Town, http: httpx.Client) -> None:
    """The session's app keeps the default (no private addresses), as production does."""
    strict = GraphQL(http, town.gql.as_role("agency", "ag-parks").token)
    for url in ("http://127.0.0.1:9/hook", "http://10.1.2.3/hook", "http://[::1]/hook", "http://169.254.169.254/latest", "http://localhost/x"):
        error = strict.errors(REGISTER, url=url)[0]
        assert error["extensions"]["code"] == "WEBHOOK_URL_REFUSED", url
        assert "درونی" in error["extensions"]["messageFa"]
    for url in ("ftp://example.org/x", "http://user:pw@example.org/x", "/relative"):
        assert strict.errors(REGISTER, url=url)[0]["extensions"]["code"] == "WEBHOOK_URL_REFUSED", url
    with pytest.raises(ValidationError, match="WEBHOOK_ALLOW_PRIVATE"):
        Settings(env="production", notify=NotifySettings(webhook_allow_private=True))
