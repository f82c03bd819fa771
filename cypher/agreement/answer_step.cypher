// Answer a step awaiting the other side (accept or decline an order, accept or dispute a delivery,
// confirm or dispute a payment): guarded by the step's status and the agreement's version, after
// the agreement's write lock is taken.
MATCH (n:Agreement {id: $id})
SET n._lock = true
REMOVE n._lock
WITH n
WHERE n.version = $expectedVersion AND n.status IN $during
MATCH (s:AgreementStep {id: $stepId})-[:UNDER]->(n)
WHERE s.status = $fromStatus
SET n.version = n.version + 1, n.updatedAt = $now,
    s.status = $toStatus, s.version = s.version + 1, s.answeredAt = $now, s.answeredOn = $on, s.answeredBy = $by,
    s.answeredByAgencyId = $byAgencyId, s.reason = $reason
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, search: null} AS node, s {.*} AS step
