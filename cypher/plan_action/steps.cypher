// Each action's history (moves and progress reports), oldest first (a batch by action id).
MATCH (n:PlanAction)-[:HAS_STEP]->(t:PlanTransition)
WHERE n.id IN $ids
RETURN n.id AS key, t {.*} AS node
ORDER BY t.at, t.id
