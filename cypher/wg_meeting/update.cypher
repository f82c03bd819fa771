// Change a meeting's agenda, attendance or minutes if its version still matches (the write lock is
// taken first: Neo4j read committed); no row back when the version moved on or a present agency is missing.
MATCH (n:WgMeeting {id: $id})-[:MEETING_OF]->(g:WorkingGroup)
SET n._lock = true
REMOVE n._lock
WITH n, g
WHERE n.version = $expectedVersion
OPTIONAL MATCH (a:Agency)
WHERE a.id IN $presentIds
WITH n, g, count(DISTINCT a) AS found
WHERE found = size($presentIds)
SET n += $props, n.version = n.version + 1, n.updatedAt = $now
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, groupId: g.id, memberIds: [(pa:Agency)-[:MEMBER_OF]->(g) | pa.id]} AS node
