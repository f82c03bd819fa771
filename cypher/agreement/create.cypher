// Record an agreement (a draft) between agencies that all exist; audited in the same statement.
OPTIONAL MATCH (a:Agency)
WHERE a.id IN $providerIds OR a.id IN $receiverIds
WITH count(DISTINCT a) AS found
WHERE found = size($providerIds) + size($receiverIds)
CREATE (n:Agreement {id: $id})
SET n += $props, n.providerIds = $providerIds, n.receiverIds = $receiverIds
FOREACH (_ IN CASE WHEN $idempotencyKey IS NULL THEN [] ELSE [1] END | CREATE (:IdempotencyKey {key: $idempotencyKey, entityId: $id, at: $now, inputHash: $inputHash}))
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, search: null} AS node
