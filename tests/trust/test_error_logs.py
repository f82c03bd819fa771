"""What the log says about GraphQL errors (issue 13 item 14): a refusal the client caused is one
INFO line; only INTERNAL writes a traceback. Before, strawberry logged every FORBIDDEN and
VERSION_CONFLICT at ERROR with the ServiceError's traceback (24 lines each)."""

from __future__ import annotations

import logging

import pytest

from service.graphql.types import duty
from tests.conftest import GraphQL

UPDATE = "mutation($v: Int) { updateAgency(id: \"ag-parks\", input: {nameEn: \"Parks\"}, expectedVersion: $v) { version } }"


def _records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name.startswith(("service.graphql", "strawberry"))]


def test_refusals_are_one_info_line_each(demo: GraphQL, caplog: pytest.LogCaptureFixture) -> None:
    agency = demo.as_role("agency", "ag-parks")
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        assert agency.errors("{ auditEvents { totalCount } }")[0]["extensions"]["code"] == "FORBIDDEN"
        assert demo.errors(UPDATE, v=999)[0]["extensions"]["code"] == "VERSION_CONFLICT"
        assert demo.errors("{ agencies { nodez } }")[0]["extensions"]["code"] == "BAD_REQUEST"
    records = _records(caplog)
    assert [(r.levelname, r.getMessage().split(":")[0]) for r in records] == [
        ("INFO", "FORBIDDEN at auditEvents"),
        ("INFO", "VERSION_CONFLICT at updateAgency"),
        ("INFO", "BAD_REQUEST at document"),
    ]
    for record in records:
        assert record.exc_info is None and "\n" not in record.getMessage()
        assert "Traceback" not in record.getMessage()
    assert "Traceback" not in caplog.text


def test_an_internal_error_keeps_its_traceback(demo: GraphQL, caplog: pytest.LogCaptureFixture,
                                               monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    def broken(code: str, lang: str) -> str:
        raise RuntimeError("the taxonomy file is unreadable")

    monkeypatch.setattr(duty, "function_name", broken)  # a resolver's helper fails: the store is untouched
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        errors = demo.errors("{ duties(first: 1) { nodes { functionNameFa } } }")
    assert errors[0]["extensions"]["code"] == "INTERNAL" and "taxonomy" not in str(errors)
    records = _records(caplog)
    assert len(records) == 1 and records[0].levelname == "ERROR"
    assert records[0].getMessage().startswith("INTERNAL at duties.nodes.0.functionNameFa")
    assert records[0].exc_info is not None and "RuntimeError: the taxonomy file is unreadable" in caplog.text
