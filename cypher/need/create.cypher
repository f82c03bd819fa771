// Create a need of an agency; no row back when the agency is missing.
MATCH (a:Agency {id: $agencyId})
CREATE (n:Need {id: $id})
SET n += $props
CREATE (a)-[:NEEDS]->(n)
FOREACH (_ IN CASE WHEN $idempotencyKey IS NULL THEN [] ELSE [1] END | CREATE (:IdempotencyKey {key: $idempotencyKey, entityId: $id, at: $now, inputHash: $inputHash}))
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, agencyId: a.id} AS node
