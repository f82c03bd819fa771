// Move a decision one step (status $from -> $to) with its history step and audit event; the write lock
// is taken before the status and version are read (Neo4j read committed). No row back when either moved on.
MATCH (n:WgDecision {id: $id})-[:DECISION_OF]->(g:WorkingGroup)
SET n._lock = true
REMOVE n._lock
WITH n, g
WHERE n.version = $expectedVersion AND n.status = $from
SET n.status = $to, n.version = n.version + 1, n.updatedAt = $now
CREATE (s:DecisionStep {id: $step.id})
SET s += $step
CREATE (n)-[:HAS_STEP]->(s)
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, groupId: g.id, memberIds: [(pa:Agency)-[:MEMBER_OF]->(g) | pa.id]} AS node
