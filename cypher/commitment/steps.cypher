// The status history of each commitment, oldest first, batched by commitment ids.
MATCH (c:Commitment)-[:HAS_STEP]->(st:CommitmentStep)
WHERE c.id IN $ids
RETURN c.id AS key, st {.*} AS node
ORDER BY key, node.at, node.id
