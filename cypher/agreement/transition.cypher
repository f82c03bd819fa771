// Sign an agreement or move it one status (signing keeps the status until the last party signs);
// the move is kept as a Transition. Guarded by status and version after the write lock is taken.
MATCH (n:Agreement {id: $id})
SET n._lock = true
REMOVE n._lock
WITH n
WHERE n.status = $fromStatus AND n.version = $expectedVersion
SET n += $props, n.status = $toStatus, n.version = n.version + 1, n.updatedAt = $now
CREATE (n)-[:HAS_STEP]->(:Transition {id: $stepId, fromStatus: $fromStatus, toStatus: $toStatus, action: $action, at: $now, on: $on, by: $by, byAgencyId: $byAgencyId, forAgencyId: $forAgencyId, comment: $comment})
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, search: null} AS node
