// Move a commitment to a new status (open, kept, broken) with a step in its history and an audit
// event, in one statement. The write lock is taken first (Neo4j read committed), then the version and
// the allowed from-statuses are checked; no row back when either refused.
MATCH (c:Commitment {id: $id})-[:MADE_TO]->(s:Stakeholder)
SET c._lock = true
REMOVE c._lock
WITH c, s
WHERE c.version = $expectedVersion AND c.status IN $from
SET c.status = $to, c.version = c.version + 1, c.updatedAt = $now
CREATE (st:CommitmentStep {id: $step.id})
SET st += $step
CREATE (c)-[:HAS_STEP]->(st)
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN c {.*, search: null, stakeholderId: s.id, ownerId: [(po:Agency)-[:OWES]->(c) | po.id][0]} AS node
