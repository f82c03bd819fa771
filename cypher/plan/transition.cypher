// Move a plan one step (draft → proposed, approved → active, active → closed) and keep the step;
// guarded by status and version after the node's write lock is taken.
MATCH (n:Plan {id: $id})
SET n._lock = true
REMOVE n._lock
WITH n
WHERE n.status = $fromStatus AND n.version = $expectedVersion
SET n.status = $toStatus, n.version = n.version + 1, n.updatedAt = $now
CREATE (n)-[:HAS_STEP]->(:PlanTransition {id: $stepId, fromStatus: $fromStatus, toStatus: $toStatus, at: $now, by: $by, byRole: $byRole, comment: $comment})
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, search: null} AS node
