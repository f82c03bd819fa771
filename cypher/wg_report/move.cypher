// Move a transparency report one step (drafted -> approved -> published) with who and when, its history
// step and audit event; the write lock is taken before status and version are read. No row when either moved on.
MATCH (n:WgReport {id: $id})-[:REPORT_OF]->(g:WorkingGroup)
SET n._lock = true
REMOVE n._lock
WITH n, g
WHERE n.version = $expectedVersion AND n.status = $from
SET n += $props, n.status = $to, n.version = n.version + 1, n.updatedAt = $now
CREATE (s:ReportStep {id: $step.id})
SET s += $step
CREATE (n)-[:HAS_STEP]->(s)
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, groupId: g.id, memberIds: [(pa:Agency)-[:MEMBER_OF]->(g) | pa.id]} AS node
