"""Follow-up fixtures: a real SMTP server (aiosmtpd) on loopback, the app re-made with follow-up
settings on the session's store (its sweep off the timer: tests sweep when they choose), and a
small registry built through GraphQL with requests due around the test day (1405/09/09).

Agencies: ag-city (the municipality, parent of ag-parks), ag-parks (receives the requests),
ag-water (sends them). Requests from water to parks: one due in 20 days (new), one due in 2 days
(due soon), one 3 days overdue, one 20 days overdue (escalated to ag-city and the directorate).
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller

from service.settings import NotifySettings, Settings, SmtpSettings
from tests.conftest import DEMO_TODAY, KEEPALIVE, GraphQL, LiveServer, _reset, free_port, make_token

TODAY = dt.date.fromisoformat(DEMO_TODAY)
DIRECTORATE_MAIL = "dabirkhane@mashhad.example"


def day(offset: int) -> str:
    return (TODAY + dt.timedelta(days=offset)).isoformat()


@dataclass
class Sink:
    """aiosmtpd's handler: keeps every message the server accepted."""

    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m, (_, rcpts) in zip(self.messages, self.envelopes, strict=True) if address in rcpts]


@dataclass
class Smtp:
    host: str
    port: int
    sink: Sink


@pytest.fixture(scope="module")
def smtp() -> Iterator[Smtp]:
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield Smtp("127.0.0.1", controller.port, sink)
    finally:
        controller.stop()


def notify_settings(settings: Settings, smtp: Smtp | None, **changes: Any) -> Settings:
    cfg = {
        "webhook_allow_private": True, "digest_hour_utc": 0, "directorate_email": DIRECTORATE_MAIL, "webhook_backoff_s": 0.2,
        "site_url": "http://hamahang.example", "smtp": SmtpSettings(host=smtp.host, port=smtp.port, security="none") if smtp else SmtpSettings(),
    } | changes  # fmt: skip
    return settings.model_copy(update={"notify": NotifySettings(**cfg)})


@pytest.fixture(scope="module")
def notify_app(settings: Settings, smtp: Smtp) -> Iterator[LiveServer]:
    with LiveServer(notify_settings(settings, smtp)) as server:
        yield server


@pytest.fixture(scope="module")
def notify_http(notify_app: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=notify_app.url, timeout=60, limits=KEEPALIVE) as client:
        yield client


@dataclass
class Town:
    """The small registry, with a GraphQL client per role on the follow-up app."""

    gql: GraphQL  # directorate
    requests: dict[str, str]
    settings: Settings

    def agency(self, agency_id: str) -> GraphQL:
        return self.gql.as_role("agency", agency_id)


AGENCIES = """mutation {
  city: createAgency(input: {id: "ag-city", code: "MSH", nameFa: "شهرداری مشهد", nameEn: "Mashhad Municipality", kind: MUNICIPAL_DEPUTY,
                             level: HEADQUARTERS, contactEmail: "city@mashhad.example"}) { id }
  parks: createAgency(input: {id: "ag-parks", code: "PARK", nameFa: "سازمان پارک‌ها", nameEn: "Parks Organisation", kind: MUNICIPAL_ORGANISATION,
                              level: ORGANISATION, parentId: "ag-city", contactEmail: "parks@mashhad.example"}) { id }
  water: createAgency(input: {id: "ag-water", code: "ABFA", nameFa: "شرکت آب و فاضلاب", nameEn: "Water Company", kind: UTILITY_COMPANY,
                              level: EXTERNAL}) { id }
}"""
FILE = """mutation($subject: String!, $due: String!) {
  fileRequest(input: {senderId: "ag-water", receiverId: "ag-parks", subject: $subject, dueDate: $due}) { id }
}"""
DUE = {"new": 20, "soon": 2, "late": -3, "escalated": -20}


def build_town(settings: Settings, client: httpx.Client) -> Town:
    gql = GraphQL(client, _reset(settings, with_demo=False), settings)
    gql.ok(AGENCIES)
    requests = {name: gql.ok(FILE, subject=f"درخواست {name}", due=day(offset))["fileRequest"]["id"] for name, offset in DUE.items()}
    return Town(gql, requests, settings)


@pytest.fixture()
def town(notify_app: LiveServer, notify_http: httpx.Client) -> Town:
    return build_town(notify_app.app.state.settings, notify_http)


def token_for(settings: Settings, role: str, agency_id: str | None = None) -> str:
    return make_token(settings, role, agency_id)
