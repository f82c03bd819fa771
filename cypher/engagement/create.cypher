// Log one engagement with a stakeholder (a meeting, consultation, complaint…), held by an agency and
// following up a commitment made to that stakeholder when given; no row back when one is missing.
MATCH (s:Stakeholder {id: $stakeholderId})
OPTIONAL MATCH (a:Agency {id: $agencyId})
OPTIONAL MATCH (c:Commitment {id: $commitmentId})-[:MADE_TO]->(s)
WITH s, a, c
WHERE ($agencyId IS NULL OR a IS NOT NULL) AND ($commitmentId IS NULL OR c IS NOT NULL)
CREATE (e:Engagement {id: $id})
SET e += $props
CREATE (e)-[:WITH]->(s)
FOREACH (_ IN CASE WHEN a IS NULL THEN [] ELSE [1] END | CREATE (a)-[:HELD]->(e))
FOREACH (_ IN CASE WHEN c IS NULL THEN [] ELSE [1] END | CREATE (e)-[:FOLLOWS_UP]->(c))
FOREACH (_ IN CASE WHEN $idempotencyKey IS NULL THEN [] ELSE [1] END | CREATE (:IdempotencyKey {key: $idempotencyKey, entityId: $id, at: $now, inputHash: $inputHash}))
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN e {.*, search: null, stakeholderId: s.id, agencyId: $agencyId, commitmentId: $commitmentId} AS node
