// Record the next step of a proposed plan's approval chain; the last step ($final) approves the plan.
// Guarded, after the write lock, by status, version and the count of steps already recorded, so two
// officers approving at once record a step once and the steps in order.
MATCH (n:Plan {id: $id})
SET n._lock = true
REMOVE n._lock
WITH n
WHERE n.status = $fromStatus AND n.version = $expectedVersion AND coalesce(n.approvalsDone, 0) = $position
SET n.approvalsDone = $position + 1, n.version = n.version + 1, n.updatedAt = $now,
    n.status = CASE WHEN $final THEN $toStatus ELSE n.status END
CREATE (n)-[:HAS_APPROVAL]->(:PlanApproval {id: $approvalId, step: $step, position: $position, by: $by, byRole: $byRole, at: $now, comment: $comment})
FOREACH (_ IN CASE WHEN $final THEN [1] ELSE [] END |
  CREATE (n)-[:HAS_STEP]->(:PlanTransition {id: $stepId, fromStatus: $fromStatus, toStatus: $toStatus, at: $now, by: $by, byRole: $byRole, comment: $comment}))
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, search: null} AS node
