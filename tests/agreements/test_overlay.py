"""The agreements overlay on the registry graph: one edge per agreement and provider-receiver pair,
coloured by status, dashed when late, its Persian text on hover; for analysts and the directorate."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx

from tests.conftest import GraphQL
from tests.pictures.test_graph_pages import _open, needs_chromium


def test_agreements_overlay(demo: GraphQL) -> None:
    response = demo.get("/graph/overlay/agreements")
    assert response.status_code == 200
    text = response.text
    assert "قراردادهای میان دستگاه‌ها" in text and "<script src=\"http" not in text
    found = re.search(r"edges = new vis\.DataSet\((\[.*?\])\);", text, re.S)
    assert found, "no edge data on the page"
    edges = [e for e in json.loads(found.group(1)) if e.get("rel") == "AGREEMENT"]
    assert len(edges) == 17  # 16 agreements; one has two receivers
    effluent = next(e for e in edges if "تحویل پساب تصفیه‌شده" in e["title"])
    assert effluent["dashes"] and "عقب‌افتاده" in effluent["title"] and "در حال اجرا" in effluent["title"]
    settled = next(e for e in edges if "نشت‌یابی هوشمند ۱۲۰" in e["title"])
    assert not settled["dashes"] and settled["color"] == "#6a3fa0"
    assert demo.as_role("agency", "ag-parks").get("/graph/overlay/agreements").status_code == 403
    signed = demo.client.post("/signin", data={"token": demo.token, "next": "/"}, follow_redirects=False)
    with httpx.Client(base_url=demo.client.base_url, cookies={"hmh_viewer": signed.cookies["hmh_viewer"]}) as viewer:
        home = viewer.get("/").text  # the landing page links the overlay and the agreement downloads
        assert 'href="/graph/overlay/agreements"' in home and 'href="/interop/agreements.ocds"' in home
        english = viewer.get("/graph/overlay/agreements?lang=en").text  # a fresh client: the shared one stays Persian
        assert "Agreements between agencies" in english and "late" in english


@needs_chromium
def test_the_overlay_draws_in_chromium(demo: GraphQL, tmp_path: Path) -> None:
    state = _open(demo, "/graph/overlay/agreements", tmp_path / "agreements-overlay.png")
    assert state["edges"] == 17 and state["placed"] == state["nodes"] and state["direction"] == "rtl" and state["font"] is True
