// The history of each transparency report, oldest first (a batch).
MATCH (n:WgReport)-[:HAS_STEP]->(s:ReportStep)
WHERE n.id IN $ids
RETURN n.id AS key, s {.*} AS node
ORDER BY s.at, s.id
