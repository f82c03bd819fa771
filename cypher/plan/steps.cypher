// Each plan's status history, oldest first (a batch by plan id).
MATCH (n:Plan)-[:HAS_STEP]->(t:PlanTransition)
WHERE n.id IN $ids
RETURN n.id AS key, t {.*} AS node
ORDER BY t.at, t.id
