// Set where a working group sits (level, parent group, city plan; null removes each) if its version
// still matches; the write lock is taken before the version is read (Neo4j read committed).
// One property per SET, a WITH between: FalkorDB 4.16 removes the wrong properties when one SET clause
// (or `SET n += $map`) removes several (FalkorDB#1787, measured here: `archived` went, `planId` stayed).
MATCH (n:WorkingGroup {id: $id})
SET n._lock = true
REMOVE n._lock
WITH n
WHERE n.version = $expectedVersion
SET n.level = $level
WITH n
SET n.parentGroupId = $parentGroupId
WITH n
SET n.planId = $planId
WITH n
SET n.version = n.version + 1, n.updatedAt = $now
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, members: [(pca:Agency)-[pcm:MEMBER_OF]->(n) | {agencyId: pca.id, role: pcm.role}], dutyIds: [(n)-[:COORDINATES]->(pcd:Duty) | pcd.id]} AS node
