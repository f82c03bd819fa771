// Record an exchange from a provider to a receiver, serving one of the provider's duties.
MATCH (p:Agency {id: $providerId})
MATCH (r:Agency {id: $receiverId})
OPTIONAL MATCH (p)-[:HAS_DUTY]->(d:Duty {id: $dutyId})
WITH p, r, d
WHERE $dutyId IS NULL OR d IS NOT NULL
CREATE (n:Exchange {id: $id})
SET n += $props
CREATE (p)-[:GAVE]->(n)-[:TO]->(r)
FOREACH (_ IN CASE WHEN d IS NULL THEN [] ELSE [1] END | CREATE (n)-[:SERVES]->(d))
FOREACH (_ IN CASE WHEN $idempotencyKey IS NULL THEN [] ELSE [1] END | CREATE (:IdempotencyKey {key: $idempotencyKey, entityId: $id, at: $now, inputHash: $inputHash}))
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, providerId: p.id, receiverId: r.id, dutyId: $dutyId} AS node
