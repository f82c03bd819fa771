// Records of the indexed labels stored before they had `words` (the full-text index's field):
// the start-up backfill (service/registry/fulltext.py) reads them a batch at a time. id(n) is
// deprecated in Neo4j 5 (a checker warning) and still answers; FalkorDB has no elementId.
MATCH (n)
WHERE n.words IS NULL AND n.id IS NOT NULL AND any(l IN labels(n) WHERE l IN $labels)
RETURN id(n) AS nid, labels(n) AS labels, n {.*} AS node
LIMIT $limit
