// Create an agency, optionally PART_OF a parent; no row back when the parent is missing.
OPTIONAL MATCH (p:Agency {id: $parentId})
WITH p
WHERE $parentId IS NULL OR p IS NOT NULL
CREATE (n:Agency {id: $id})
SET n += $props
FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | CREATE (n)-[:PART_OF]->(p))
RETURN n {.*, parentId: $parentId} AS node
