"""What a store failure looks like from outside: no driver text leaks, refused credentials are an
outage (503), and driver values keep their shape. Runs without a Neo4j: the translation is the
unit under test, fed the driver's own exception and value classes."""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

import httpx
import pytest
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Graph, Node

from service.errors import from_store
from service.settings import Settings
from service.storage import falkor, neo4j_store
from service.storage.errors import Unavailable
from service.storage.values import plain
from tests.conftest import LiveServer, free_port

DRIVER_TEXT = "The client is unauthorized due to authentication failure. user=neo4j"


@pytest.mark.parametrize("error", [
    neo4j_errors.AuthError(DRIVER_TEXT), neo4j_errors.TokenExpired(DRIVER_TEXT), neo4j_errors.Forbidden(DRIVER_TEXT),
    neo4j_errors.ServiceUnavailable(DRIVER_TEXT), neo4j_errors.SessionExpired(DRIVER_TEXT),
    neo4j_errors.DatabaseUnavailable(DRIVER_TEXT),
])  # fmt: skip
def test_neo4j_outages_and_refused_credentials_are_store_unavailable(
    error: Exception, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="service.storage.neo4j_store"):
        translated = neo4j_store.translate(error)
    assert isinstance(translated, Unavailable)
    assert "unauthorized" not in translated.detail and "user=" not in translated.detail
    answer = from_store(translated)
    assert (answer.code, answer.status) == ("STORE_UNAVAILABLE", 503)
    assert DRIVER_TEXT in caplog.text  # the detail stays in the server's log


def test_a_falkordb_read_past_its_timeout_is_store_unavailable() -> None:
    from redis.exceptions import ResponseError

    assert isinstance(falkor.translate(ResponseError("Query timed out")), Unavailable)


def test_readyz_and_graphql_on_a_closed_neo4j_port_answer_503_without_the_drivers_words(tmp_path: Path) -> None:
    port = free_port()
    url = f"neo4j://neo4j:s3cret-pass@127.0.0.1:{port}/neo4j"
    with LiveServer(Settings(env="test", data_dir=tmp_path, graph_url=url)) as live, \
            httpx.Client(base_url=live.url, timeout=30) as client:  # fmt: skip
        ready = client.get("/readyz")
        answer = client.post("/graphql", json={"query": "{ agencies { totalCount } }"},
                             headers={"Authorization": "Bearer hmh_anything"})  # fmt: skip
    assert ready.status_code == 503
    assert ready.json() == {"status": "unavailable", "backend": "neo4j", "reason": "store unreachable or not answering"}
    assert answer.status_code == 503 and answer.json()["errors"][0]["extensions"]["code"] == "STORE_UNAVAILABLE"
    for text in (ready.text, answer.text):
        assert str(port) not in text and "s3cret" not in text and "connect" not in text.lower()


def test_plain_keeps_the_labels_of_a_neo4j_node_and_the_type_of_a_relationship() -> None:
    graph = Graph()
    node = Node(graph, "4:x:1", 1, ["Agency"], {"id": "ag-city", "nested": {"a": [1, 2]}})
    has_duty = graph.relationship_type("HAS_DUTY")
    edge = has_duty(graph, "5:x:1", 1, {"role": "lead"})
    assert plain(node) == {"_labels": ["Agency"], "id": "ag-city", "nested": {"a": [1, 2]}}
    assert plain({"n": node, "r": [edge]}) == {
        "n": {"_labels": ["Agency"], "id": "ag-city", "nested": {"a": [1, 2]}},
        "r": [{"_type": "HAS_DUTY", "role": "lead"}],
    }


def test_a_neo4j_that_accepts_and_never_answers_is_unavailable_within_a_bound(tmp_path: Path) -> None:
    """A listener that accepts connections and says nothing (a paused or wedged server): /readyz and a
    GraphQL request answer 503 within a bound (a read took 21 s before; a pooled connection, for ever)."""
    import socket
    import threading
    import time

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held: list[socket.socket] = []

    def accept() -> None:
        with contextlib.suppress(OSError):
            while True:
                held.append(listener.accept()[0])

    threading.Thread(target=accept, daemon=True).start()
    settings = Settings(
        env="test", data_dir=tmp_path, graph_url=f"neo4j://neo4j:x@127.0.0.1:{listener.getsockname()[1]}/neo4j"
    )
    try:
        with LiveServer(settings) as live, httpx.Client(base_url=live.url, timeout=60) as client:
            started = time.monotonic()
            ready = client.get("/readyz")
            readyz_s = time.monotonic() - started
            started = time.monotonic()
            answer = client.post("/graphql", json={"query": "{ agencies { totalCount } }"},
                                 headers={"Authorization": "Bearer hmh_anything"})  # fmt: skip
            graphql_s = time.monotonic() - started
    finally:
        listener.close()
        for conn in held:
            conn.close()
    print(f"\nsilent Neo4j: /readyz 503 after {readyz_s:.2f} s, GraphQL STORE_UNAVAILABLE after {graphql_s:.2f} s")
    assert ready.status_code == 503 and readyz_s < settings.store_stall_s + 2
    assert answer.status_code == 503 and answer.json()["errors"][0]["extensions"]["code"] == "STORE_UNAVAILABLE"
    assert graphql_s < settings.store_timeout_s + settings.store_stall_s + 2
