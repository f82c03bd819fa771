// Add an order, a delivery report or a payment under an agreement: guarded by the agreement's
// status and version (its write lock taken first) and, when $refId is given, by the step it refers
// to (an accepted order for a delivery, an accepted delivery for a payment).
MATCH (n:Agreement {id: $id})
SET n._lock = true
REMOVE n._lock
WITH n
WHERE n.status IN $during AND n.version = $expectedVersion
OPTIONAL MATCH (ref:AgreementStep {id: $refId})-[:UNDER]->(n)
WITH n, ref
WHERE $refId IS NULL OR (ref IS NOT NULL AND ref.kind = $refKind AND ref.status = 'accepted')
SET n.version = n.version + 1, n.updatedAt = $now
CREATE (s:AgreementStep {id: $stepId})-[:UNDER]->(n)
SET s += $props
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, search: null} AS node, s {.*} AS step
