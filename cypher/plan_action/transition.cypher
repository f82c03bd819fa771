// Move an action one step (or report progress on it: $toStatus = $fromStatus) and keep the step with
// who, when, why and the money realised so far; guarded by status and version after the write lock.
MATCH (n:PlanAction {id: $id})
SET n._lock = true
REMOVE n._lock
WITH n
WHERE n.status = $fromStatus AND n.version = $expectedVersion
SET n.status = $toStatus, n.version = n.version + 1, n.updatedAt = $now,
    n.realisedRials = coalesce($realisedRials, n.realisedRials),
    n.doneOn = CASE WHEN $toStatus = 'done' THEN $today ELSE n.doneOn END
CREATE (n)-[:HAS_STEP]->(:PlanTransition {id: $stepId, fromStatus: $fromStatus, toStatus: $toStatus, at: $now, by: $by, byRole: $byRole, byAgencyId: $byAgencyId, comment: $comment, realisedRials: $realisedRials})
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, search: null, planId: [(p:Plan)-[:HAS_ACTION]->(n) | p.id][0], ownerIds: [(o:Agency)-[:OWNS_ACTION]->(n) | o.id]} AS node
