"""Every query on docs/graphql-examples.md runs on the demo and answers something for the
directorate, and runs for an agency too (its view is checked in tests/api/test_where.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import GraphQL

PAGE = Path(__file__).resolve().parents[2] / "docs" / "graphql-examples.md"
BLOCKS = re.findall(r"^## (.+?)\n\n```graphql\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S | re.M)


def _something(data: Any) -> bool:
    if isinstance(data, dict):
        return any(_something(v) for v in data.values())
    if isinstance(data, list):
        return bool(data)
    return data not in (None, 0)


def test_the_page_has_its_examples() -> None:
    assert len(BLOCKS) >= 8
    for title, _ in BLOCKS:
        assert " — " in title and re.search("[\u0600-\u06ff]", title), title  # English and Persian


@pytest.mark.parametrize(("title", "query"), BLOCKS, ids=[t.split(" — ")[0][:40] for t, _ in BLOCKS])
def test_each_example_answers(demo: GraphQL, title: str, query: str) -> None:
    data = demo.ok(query)
    assert all(_something(v) for v in data.values()), (title, data)
    if "Relay" in title:
        return
    requests = demo.ok("{ requests(first: 100) { nodes { senderId } } }")["requests"]["nodes"]
    agency = demo.as_role("agency", requests[0]["senderId"])
    agency.ok(query)
