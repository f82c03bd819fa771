// The history of each decision, oldest first (a DataLoader batch).
MATCH (n:WgDecision)-[:HAS_STEP]->(s:DecisionStep)
WHERE n.id IN $ids
RETURN n.id AS key, s {.*} AS node
ORDER BY s.at, s.id
