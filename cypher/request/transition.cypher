// Move a request one step in its workflow and keep the step; guarded by status and version.
MATCH (n:Request {id: $id})
WHERE n.status = $fromStatus AND n.version = $expectedVersion
SET n.status = $toStatus, n.version = n.version + 1, n.updatedAt = $now
CREATE (n)-[:HAS_STEP]->(:Transition {id: $stepId, fromStatus: $fromStatus, toStatus: $toStatus, at: $now, by: $by, byAgencyId: $byAgencyId, comment: $comment})
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, senderId: [(pcs:Agency)-[:SENT]->(n) | pcs.id][0], receiverId: [(n)-[:ADDRESSED_TO]->(pcr:Agency) | pcr.id][0], aboutId: [(n)-[:ABOUT]->(pcx) | pcx.id][0]} AS node
