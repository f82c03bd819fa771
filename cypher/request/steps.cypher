// Each request's workflow history, oldest first (a DataLoader batch).
MATCH (n:Request)-[:HAS_STEP]->(t:Transition)
WHERE n.id IN $ids
RETURN n.id AS key, t {.*} AS node
ORDER BY t.at, t.id
