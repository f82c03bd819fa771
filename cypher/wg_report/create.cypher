// Draft a transparency report for one period of a group, with its first step and audit event. The
// group's write lock is taken before looking for a report of the same period (Neo4j read committed),
// so two drafts of one period cannot both pass; no row back when the period already has a report.
MATCH (g:WorkingGroup {id: $groupId})
SET g._lock = true
REMOVE g._lock
WITH g
OPTIONAL MATCH (o:WgReport)-[:REPORT_OF]->(g)
WHERE o.year = $props.year AND o.period = $props.period
WITH g, count(o) AS taken
WHERE taken = 0
CREATE (n:WgReport {id: $id})
SET n += $props
CREATE (n)-[:REPORT_OF]->(g)
CREATE (s:ReportStep {id: $step.id})
SET s += $step
CREATE (n)-[:HAS_STEP]->(s)
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, groupId: g.id, memberIds: [(pa:Agency)-[:MEMBER_OF]->(g) | pa.id]} AS node
