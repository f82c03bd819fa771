// Record a working group's meeting (date, agenda, agencies present, minutes) with its audit event;
// no row back when the group is missing or an agency named present does not exist.
MATCH (g:WorkingGroup {id: $groupId})
OPTIONAL MATCH (a:Agency)
WHERE a.id IN $presentIds
WITH g, count(DISTINCT a) AS found
WHERE found = size($presentIds)
CREATE (n:WgMeeting {id: $id})
SET n += $props
CREATE (n)-[:MEETING_OF]->(g)
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, groupId: g.id, memberIds: [(pa:Agency)-[:MEMBER_OF]->(g) | pa.id]} AS node
