"""OCDS: every release of the demo validates against the OCDS 1.1.5 release schema."""

from __future__ import annotations

import copy
import datetime as dt

from service.interop.ocds import release_errors
from tests.conftest import GraphQL
from tests.interop.helpers import registry_bundle


def test_contracted_payments_are_valid_ocds_releases(demo: GraphQL) -> None:
    bundle = registry_bundle(demo)
    response = demo.get("/interop/export.ocds")
    assert response.status_code == 200
    package = response.json()
    assert package["version"] == "1.1" and package["uri"].endswith("/interop/export.ocds")
    dt.datetime.fromisoformat(package["publishedDate"])
    contracted = [x for x in bundle["exchanges"] if x["kind"] == "financial" and x.get("contractRef")]
    assert len(package["releases"]) == len({x["contractRef"] for x in contracted}) > 0
    seen: list[str] = []
    for release in package["releases"]:
        assert release_errors(release) == [], release["ocid"]
        (contract,) = release["contracts"]
        parties = {p["id"]: set(p["roles"]) for p in release["parties"]}
        for t in contract["implementation"]["transactions"]:
            assert t["value"]["currency"] == "IRR" and "payer" in parties[t["payer"]["id"]] and "payee" in parties[t["payee"]["id"]]
            dt.datetime.fromisoformat(t["date"])
            seen.append(t["id"])
        seen += [m["id"] for m in contract["implementation"]["milestones"]]
        assert contract["awardID"] == release["awards"][0]["id"]
    assert sorted(seen) == sorted(x["id"] for x in contracted)  # every contracted payment, once
    paid = {x["id"]: x for x in contracted if x["status"] in ("completed", "in_progress")}
    transactions = [t for r in package["releases"] for t in r["contracts"][0]["implementation"]["transactions"]]
    assert {t["id"]: t["value"]["amount"] for t in transactions} == {k: x["amountRials"] for k, x in paid.items()}


def test_the_schema_check_is_real(demo: GraphQL) -> None:
    release = demo.get("/interop/export.ocds").json()["releases"][0]
    broken = copy.deepcopy(release)
    broken["date"] = "1403/02/15"
    broken["contracts"][0]["value"]["currency"] = "TOMAN"
    del broken["ocid"]
    errors = " ".join(release_errors(broken))
    assert "ocid" in errors and "TOMAN" in errors and "date-time" in errors


def test_a_filtered_view_is_still_valid(demo: GraphQL) -> None:
    package = demo.get("/interop/export.ocds", params={"agency": "ag-abfa"}).json()
    assert package["releases"]
    for release in package["releases"]:
        assert release_errors(release) == []
        assert any(p["id"] == "ag-abfa" for p in release["parties"])
    assert demo.get("/interop/export.ocds", params={"exchange_kind": "service"}).json()["releases"] == []
