// Each agreement's signatures and status moves, oldest first (a batch).
MATCH (n:Agreement)-[:HAS_STEP]->(t:Transition)
WHERE n.id IN $ids
RETURN n.id AS key, t {.*} AS node
ORDER BY t.at, t.id
