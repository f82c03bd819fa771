// Create a duty led by one agency and supported by others; no row when an agency is missing.
MATCH (lead:Agency {id: $agencyId})
OPTIONAL MATCH (s:Agency)
WHERE s.id IN $supportAgencyIds
WITH lead, collect(DISTINCT s) AS supporters
WHERE size(supporters) = size($supportAgencyIds)
CREATE (n:Duty {id: $id})
SET n += $props
CREATE (lead)-[:HAS_DUTY {role: 'lead'}]->(n)
FOREACH (s IN supporters | CREATE (s)-[:HAS_DUTY {role: 'support'}]->(n))
FOREACH (_ IN CASE WHEN $idempotencyKey IS NULL THEN [] ELSE [1] END | CREATE (:IdempotencyKey {key: $idempotencyKey, entityId: $id, at: $now, inputHash: $inputHash}))
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, agencyId: lead.id, supportAgencyIds: [s IN supporters | s.id]} AS node
