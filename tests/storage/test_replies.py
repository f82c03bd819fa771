"""FalkorDB replies read in one pass (service/storage/falkor.py ``_cell``) give exactly what the
FalkorDB client's own parser and ``values.plain`` gave, for every kind of value a statement returns;
nodes, edges, paths and dates still go through the client's parser."""

from __future__ import annotations

from typing import Any

import pytest

from service.storage.embedded import EmbeddedServer
from service.storage.falkor import FalkorStore
from service.storage.queries import QueryLibrary
from service.storage.values import plain

GRAPH = "hamahang_replies"
STATEMENTS = {
    "scalars": "RETURN 'سلام' AS s, '' AS empty, 7 AS i, -2.5 AS f, true AS t, false AS no, null AS nothing",
    "nested": "RETURN {name: 'آب', tags: ['a', 'b'], deep: {n: [1, 2.5, null, {x: false}]}, none: null} AS m, [] AS e",
    "rows": "UNWIND range(1, 5) AS i RETURN i AS key, [k IN ['a', 'b'] | k + toString(i)] AS values",
    "point": "RETURN point({latitude: 36.3, longitude: 59.6}) AS p",
    "node": "MATCH (n:ReplyProbe) RETURN n, n {.*} AS props ORDER BY n.id",
    "edge": "MATCH (:ReplyProbe)-[r:PROBES]->(:ReplyProbe) RETURN r",
    "date": "RETURN date('2024-03-20') AS d",
    "nothing": "MATCH (n:ReplyProbe) WHERE n.id = 'none' RETURN n.id AS id",
    "setup": "MERGE (a:ReplyProbe {id: 'a', name: 'یک'}) MERGE (b:ReplyProbe {id: 'b'}) MERGE (a)-[:PROBES {w: 2}]->(b)",
}


@pytest.fixture()
async def store(embedded: EmbeddedServer) -> Any:
    library = QueryLibrary(root=QueryLibrary.load().root, texts=STATEMENTS)
    s = FalkorStore.connect(queries=library, graph=GRAPH, unix_socket=embedded.socket, host="127.0.0.1",
                            port=embedded.port or 0)  # fmt: skip
    await s.write("setup")
    yield s
    await s._db.connection.execute_command("GRAPH.DELETE", GRAPH)
    await s.close()


@pytest.mark.parametrize("name", sorted(set(STATEMENTS) - {"setup"}))
async def test_one_pass_reading_equals_the_clients(store: FalkorStore, name: str) -> None:
    ours = await store.read(name)
    result = await store._graph.ro_query(STATEMENTS[name])  # the client's parser, as the store used to read
    columns = [c[1] for c in result.header]
    theirs = [dict(zip(columns, (plain(v) for v in row), strict=True)) for row in result.result_set]
    assert ours == theirs
    assert (ours == []) == (name == "nothing")
