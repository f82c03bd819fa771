// Raise an issue about other agencies, optionally blocking a duty; no row when an id is missing.
MATCH (r:Agency {id: $raisedById})
OPTIONAL MATCH (d:Duty {id: $blocksDutyId})
WITH r, d
WHERE $blocksDutyId IS NULL OR d IS NOT NULL
OPTIONAL MATCH (c:Agency)
WHERE c.id IN $concernsIds
WITH r, d, collect(DISTINCT c) AS concerned
WHERE size(concerned) = size($concernsIds)
CREATE (n:Issue {id: $id})
SET n += $props
CREATE (r)-[:RAISED]->(n)
FOREACH (c IN concerned | CREATE (n)-[:CONCERNS]->(c))
FOREACH (_ IN CASE WHEN d IS NULL THEN [] ELSE [1] END | CREATE (n)-[:BLOCKS]->(d))
FOREACH (_ IN CASE WHEN $idempotencyKey IS NULL THEN [] ELSE [1] END | CREATE (:IdempotencyKey {key: $idempotencyKey, entityId: $id, at: $now, inputHash: $inputHash}))
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, raisedById: r.id, concernsIds: [c IN concerned | c.id], blocksDutyId: $blocksDutyId} AS node
