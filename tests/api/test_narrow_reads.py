"""An agency's lists read only the selected fields (``service.graphql.narrow``) and must give
exactly what the full traversals give: same records, same order, same values."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from service.graphql.narrow import NARROW, _field_keys
from service.graphql.schema import build_schema
from service.graphql.types.agency import TRAVERSALS, _record_type
from tests.conftest import OBSERVED, GraphQL, LiveServer


@contextmanager
def statements_run(live: LiveServer) -> Iterator[set[str]]:
    """The names of the statements the live app runs inside the block."""
    store = live.app.state.runtime.store
    seen: set[str] = set()
    store.observed = seen
    try:
        yield seen
    finally:
        store.observed = OBSERVED
        OBSERVED.update(seen)


def _stored_fields(field: str) -> list[str]:
    """Every GraphQL field of the list's records that a narrow read can serve."""
    query, _, type_name = TRAVERSALS[field]
    shown = build_schema()._schema.get_type(type_name).fields  # private attributes are not fields
    keys = _field_keys(_record_type(field))
    return sorted(n for n in shown if keys.get(n) is not None and keys[n] not in NARROW[query].joined)


@pytest.mark.parametrize("field", sorted(TRAVERSALS))
def test_narrow_lists_equal_the_full_ones(demo: GraphQL, live: LiveServer, field: str) -> None:
    query, _, type_name = TRAVERSALS[field]
    fields = " ".join(_stored_fields(field))
    narrow_doc = f"{{ agencies(first: 100) {{ nodes {{ id {field} {{ {fields} }} }} }} }}"
    full_doc = f"{{ agencies(first: 100) {{ nodes {{ id {field} {{ ... on {type_name} {{ {fields} }} }} }} }} }}"
    with statements_run(live) as ran:
        narrow = demo.ok(narrow_doc)
    assert NARROW[query].statement in ran and query not in ran
    with statements_run(live) as ran:
        full = demo.ok(full_doc)
    assert query in ran and NARROW[query].statement not in ran
    assert narrow == full
    assert sum(len(a[field]) for a in full["agencies"]["nodes"]) > 0, f"the demo has no {field} to compare"


def test_a_joined_field_takes_the_full_read(demo: GraphQL, live: LiveServer) -> None:
    with statements_run(live) as ran:
        demo.ok("{ agencies(first: 100) { nodes { requestsReceived { id senderId } } } }")
    assert "request/received_by" in ran and "request/received_by_fields" not in ran


def test_an_agency_still_sees_only_its_own_private_records(demo: GraphQL, live: LiveServer) -> None:
    """Narrow reads skip the party check, so readers the policy restricts never get them."""
    everything = demo.ok("{ agencies(first: 100) { nodes { id requestsReceived { id senderId } } } }")
    sender = next(r["senderId"] for a in everything["agencies"]["nodes"] for r in a["requestsReceived"])
    as_sender = demo.as_role("agency", sender)
    with statements_run(live) as ran:
        seen = as_sender.ok("{ agencies(first: 100) { nodes { id requestsReceived { id subject } } } }")
    assert "request/received_by_fields" not in ran
    mine = {r["id"] for a in everything["agencies"]["nodes"] for r in a["requestsReceived"] if r["senderId"] == sender}
    shown = {r["id"] for a in seen["agencies"]["nodes"] for r in a["requestsReceived"]}
    assert shown == mine and len(shown) < sum(len(a["requestsReceived"]) for a in everything["agencies"]["nodes"])
