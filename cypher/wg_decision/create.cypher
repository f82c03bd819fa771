// Record a working group's decision (owner agency, due date, optional meeting and links) with its first
// step and audit event; no row back when the group, the owner or the group's meeting named is missing.
MATCH (g:WorkingGroup {id: $groupId})
MATCH (o:Agency {id: $ownerId})
OPTIONAL MATCH (m:WgMeeting {id: $meetingId})-[:MEETING_OF]->(g)
WITH g, o, m
WHERE $meetingId IS NULL OR m IS NOT NULL
CREATE (n:WgDecision {id: $id})
SET n += $props
CREATE (n)-[:DECISION_OF]->(g)
CREATE (n)-[:OWNED_BY]->(o)
FOREACH (_ IN CASE WHEN m IS NULL THEN [] ELSE [1] END | CREATE (n)-[:DECIDED_IN]->(m))
CREATE (s:DecisionStep {id: $step.id})
SET s += $step
CREATE (n)-[:HAS_STEP]->(s)
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, groupId: g.id, memberIds: [(pa:Agency)-[:MEMBER_OF]->(g) | pa.id]} AS node
