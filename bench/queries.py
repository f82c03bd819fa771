"""The suite's own Cypher: hand-written baselines and the raw batched writes.

They live here, not under ``cypher/``, so the service's statement library (and the tests that
check every file in it ran) stays as it is; ``bench.common.library()`` adds them under ``bench/``.
"""

from __future__ import annotations

# label of each node section of the import shape
NODE_LABELS: dict[str, str] = {
    "agencies": "Agency", "duties": "Duty", "capacities": "Capacity", "needs": "Need", "issues": "Issue",
    "exchanges": "Exchange", "requests": "Request", "workingGroups": "WorkingGroup",
}  # fmt: skip
# edge parameter of registry/import -> (from label, relationship, to label, with a role property)
EDGE_TYPES: dict[str, tuple[str, str, str, bool]] = {
    "partOf": ("Agency", "PART_OF", "Agency", False),
    "hasDuty": ("Agency", "HAS_DUTY", "Duty", True),
    "offers": ("Agency", "OFFERS", "Capacity", False),
    "needsOf": ("Agency", "NEEDS", "Need", False),
    "raised": ("Agency", "RAISED", "Issue", False),
    "concerns": ("Issue", "CONCERNS", "Agency", False),
    "blocks": ("Issue", "BLOCKS", "Duty", False),
    "gave": ("Agency", "GAVE", "Exchange", False),
    "givenTo": ("Exchange", "TO", "Agency", False),
    "serves": ("Exchange", "SERVES", "Duty", False),
    "sent": ("Agency", "SENT", "Request", False),
    "addressedTo": ("Request", "ADDRESSED_TO", "Agency", False),
    "memberOf": ("Agency", "MEMBER_OF", "WorkingGroup", True),
    "coordinates": ("WorkingGroup", "COORDINATES", "Duty", False),
}
# ``about`` targets are told apart by their id prefix, as hand-written bulk code would
ABOUT_PREFIX: dict[str, str] = {"ca": "Capacity", "ne": "Need", "is": "Issue", "du": "Duty"}


def _raw() -> dict[str, str]:
    texts: dict[str, str] = {}
    for label in NODE_LABELS.values():
        texts[f"bench/raw/node/{label}"] = f"UNWIND $rows AS r\nCREATE (n:{label} {{id: r.id}})\nSET n += r.props"
    texts["bench/raw/steps"] = (
        "UNWIND $rows AS r\nMATCH (q:Request {id: r.requestId})\n"
        "CREATE (q)-[:HAS_STEP]->(t:Transition {id: r.id})\nSET t += r.props"
    )
    for name, (a, rel, b, role) in EDGE_TYPES.items():
        props = " {role: r.role}" if role else ""
        texts[f"bench/raw/edge/{name}"] = (
            f"UNWIND $rows AS r\nMATCH (a:{a} {{id: r.fromId}})\nMATCH (b:{b} {{id: r.toId}})\nCREATE (a)-[:{rel}{props}]->(b)"
        )
    for label in ABOUT_PREFIX.values():
        texts[f"bench/raw/about/{label}"] = (
            f"UNWIND $rows AS r\nMATCH (q:Request {{id: r.fromId}})\nMATCH (x:{label} {{id: r.toId}})\nCREATE (q)-[:ABOUT]->(x)"
        )
    return texts


BENCH_QUERIES: dict[str, str] = {
    **_raw(),
    "bench/count": "MATCH (n) WITH count(n) AS nodes\nOPTIONAL MATCH ()-[r]->()\nRETURN nodes, count(r) AS edges",
    "bench/sample_agencies": "MATCH (a:Agency) RETURN a.id AS id, a.kind AS kind ORDER BY a.id",
    # requests are filed to an agency's capacity; a stakeholder group never receives one (#19.3)
    "bench/sample_capacities": ("MATCH (a:Agency)-[:OFFERS]->(c:Capacity) WHERE coalesce(a.kind, '') <> 'stakeholder_group' "
                                "RETURN a.id AS agencyId, c.id AS id"),
    # --- the hand-written baselines: one statement each, what a developer would write by hand ---
    "bench/lookup": "MATCH (n:Agency {id: $id})\nRETURN n.id AS id, n.nameFa AS nameFa, n.code AS code",
    "bench/page": (
        "MATCH (a:Agency {id: $id})\n"
        "RETURN a.nameFa AS nameFa,\n"
        "  [(a)-[:HAS_DUTY]->(d:Duty) WHERE NOT d.archived | d {.id, .titleFa}] AS duties,\n"
        "  [(a)-[:OFFERS]->(c:Capacity) WHERE NOT c.archived | c {.id, .titleFa}] AS capacities,\n"
        "  [(q:Request)-[:ADDRESSED_TO]->(a) WHERE NOT q.archived | q {.id, .subject, .status}] AS requests"
    ),
    "bench/requests_page": (
        "MATCH (n:Request)\nWHERE n.status = $status AND NOT n.archived\n"
        "WITH n ORDER BY n.createdAt, n.id SKIP $skip LIMIT $limit\n"
        "RETURN n {.id, .subject, .status, .dueDate, senderId: [(s:Agency)-[:SENT]->(n) | s.id][0],"
        " receiverId: [(n)-[:ADDRESSED_TO]->(r:Agency) | r.id][0]} AS node"
    ),
    "bench/file_request": (
        "MATCH (s:Agency {id: $senderId})\nMATCH (r:Agency {id: $receiverId})\n"
        "OPTIONAL MATCH (x:Capacity {id: $aboutId})\n"
        "CREATE (n:Request {id: $id})\nSET n += $props\n"
        "CREATE (s)-[:SENT]->(n)-[:ADDRESSED_TO]->(r)\n"
        "FOREACH (_ IN CASE WHEN x IS NULL THEN [] ELSE [1] END | CREATE (n)-[:ABOUT]->(x))\n"
        "RETURN n.id AS id, n.status AS status"
    ),
    # --- the whole-registry picture stand-in: agencies and exchanges aggregated per pair ---
    "bench/picture_agencies": "MATCH (a:Agency) WHERE NOT a.archived RETURN a.id AS id, a.nameFa AS name, a.kind AS kind",
    "bench/picture_edges": (
        "MATCH (p:Agency)-[:GAVE]->(e:Exchange)-[:TO]->(r:Agency)\nWHERE NOT e.archived\n"
        "RETURN p.id AS source, r.id AS target, count(e) AS n, sum(coalesce(e.amountRials, 0)) AS rials"
    ),
}
