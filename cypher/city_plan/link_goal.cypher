// Link a plan goal to duties (added, never duplicated), with its audit event, in one statement;
// the goal's version is checked after its write lock is taken (Neo4j read committed), no row back
// when the goal moved on since the caller read it.
MATCH (g:PlanGoal {id: $goalId})
SET g._lock = true
REMOVE g._lock
WITH g
WHERE coalesce(g.version, 0) = $expectedVersion
SET g.version = coalesce(g.version, 0) + 1, g.updatedAt = $now
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
WITH g
OPTIONAL MATCH (d:Duty)
WHERE d.id IN $dutyIds
WITH g, collect(d) AS duties
FOREACH (d IN duties | MERGE (g)-[:SERVED_BY]->(d))
RETURN g.id AS id, g.version AS version
