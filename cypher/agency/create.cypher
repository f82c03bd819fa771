// Create an agency, optionally PART_OF a parent; no row back when the parent is missing.
OPTIONAL MATCH (p:Agency {id: $parentId})
WITH p
WHERE $parentId IS NULL OR p IS NOT NULL
CREATE (n:Agency {id: $id})
SET n += $props
FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | CREATE (n)-[:PART_OF]->(p))
FOREACH (_ IN CASE WHEN $idempotencyKey IS NULL THEN [] ELSE [1] END | CREATE (:IdempotencyKey {key: $idempotencyKey, entityId: $id, at: $now, inputHash: $inputHash}))
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, parentId: $parentId} AS node
