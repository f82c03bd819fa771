"""FollowTheMoney: followthemoney parses and accepts every entity; agencies, groups, memberships,
payments and contracts come back from an FtM file as they went in."""

from __future__ import annotations

import json
from collections import Counter

import phonenumbers
from followthemoney import model

from service.interop.ftm import validate_entities
from service.settings import Settings
from service.text.persian import search_key
from tests.conftest import GraphQL
from tests.interop.helpers import by_id, empty_registry, registry_bundle, upload

TEXT = {"nameFa", "nameEn", "titleFa", "titleEn", "descriptionFa", "mandateFa", "mandateEn", "contactAddress"}


def _entities(client: GraphQL, **params: str) -> list[dict]:  # type: ignore[type-arg]
    response = client.get("/interop/export.ftm", params=params)
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/x-ndjson")
    return [json.loads(line) for line in response.text.splitlines()]


def test_every_entity_is_valid_followthemoney(demo: GraphQL) -> None:
    bundle = registry_bundle(demo)
    entities = _entities(demo)
    for data in entities:
        proxy = model.get_proxy(data, cleaned=False)  # raises on an unknown schema or property
        assert proxy.to_dict() == data
    assert validate_entities(entities) == []
    schemata = Counter(e["schema"] for e in entities)
    money = [x for x in bundle["exchanges"] if x["kind"] == "financial"]
    assert schemata["PublicBody"] + schemata["Organization"] == len(bundle["agencies"]) + len(bundle["workingGroups"])
    assert schemata["Membership"] == sum(len(w["members"]) for w in bundle["workingGroups"])
    assert schemata["Payment"] == len(money)
    assert schemata["Contract"] == len({x["contractRef"] for x in money if x.get("contractRef")})
    payment = next(e for e in entities if e["schema"] == "Payment")["properties"]
    assert {"payer", "beneficiary", "amount", "currency", "purpose", "date"} <= set(payment) and payment["currency"] == ["IRR"]
    assert _entities(demo) == entities  # ids are made from registry ids: stable across exports
    view = _entities(demo, agency="ag-abfa")
    assert validate_entities(view) == [] and len(view) < len(entities)


def _same(original: dict, back: dict, fields: set[str]) -> None:  # type: ignore[type-arg]
    for field in fields:
        want, got = original.get(field), back.get(field)
        if field == "contactPhone" and want:
            want = phonenumbers.format_number(phonenumbers.parse(want, "IR"), phonenumbers.PhoneNumberFormat.E164)
        if field in TEXT and want:
            assert search_key(got) == search_key(want), (field, want, got)  # FtM deletes ZWNJ; same search key
        else:
            assert got == want, (original["id"], field, want, got)


def test_ftm_round_trip_keeps_what_ftm_carries(demo: GraphQL, settings: Settings) -> None:
    before = by_id(registry_bundle(demo))
    data = demo.get("/interop/export.ftm").content
    empty_registry(demo, settings)
    status, body = upload(demo, "registry.ftm.json", data)
    assert status == 200, body
    after = by_id(registry_bundle(demo))
    money = {k: x for k, x in before["exchanges"].items() if x["kind"] == "financial"}
    assert after["agencies"].keys() == before["agencies"].keys()
    assert after["workingGroups"].keys() == before["workingGroups"].keys()
    assert after["exchanges"].keys() == money.keys()
    agency_fields = {"code", "nameFa", "nameEn", "kind", "level", "parentId", "contactPhone", "contactEmail", "contactAddress"}
    for key, agency in before["agencies"].items():
        _same(agency, after["agencies"][key], agency_fields)
    for key, group in before["workingGroups"].items():
        _same(group, after["workingGroups"][key], {"nameFa", "nameEn", "mandateFa", "mandateEn", "members"})
    exchange_fields = {"kind", "providerId", "receiverId", "titleFa", "titleEn", "descriptionFa", "amountRials", "date", "contractRef"}
    for key, exchange in money.items():
        _same(exchange, after["exchanges"][key], exchange_fields)


def test_ftm_from_elsewhere_is_checked_like_any_import(registry: GraphQL) -> None:
    payer = {"id": "a1", "schema": "PublicBody", "properties": {"name": ["شهرداری نمونه"]}}
    payee = {"id": "a2", "schema": "Company", "properties": {"name": ["شرکت نمونه"]}}
    euros = {"id": "p1", "schema": "Payment", "properties": {"payer": ["a1"], "beneficiary": ["a2"], "amount": ["5"],
                                                             "currency": ["EUR"], "date": ["2024-05-01"]}}  # fmt: skip
    person = {"id": "x1", "schema": "Person", "properties": {"name": ["کسی"]}}
    lines = "\n".join(json.dumps(e, ensure_ascii=False) for e in (payer, payee, euros, person)).encode()
    status, body = upload(registry, "aleph.ijson", lines)
    assert status == 422
    reasons = " ".join(p["reason"] for p in body["problems"])
    assert "IRR" in reasons and "Person" in reasons
    euros["properties"]["currency"] = ["IRR"]
    lines = "\n".join(json.dumps(e, ensure_ascii=False) for e in (payer, payee, euros)).encode()
    status, body = upload(registry, "aleph.ijson", lines)
    assert status == 200 and body["counts"]["agencies"] == 2 and body["counts"]["exchanges"] == 1, body
