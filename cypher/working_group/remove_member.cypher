// Remove an agency from a working group; guarded by the group's version.
MATCH (n:WorkingGroup {id: $id})
WHERE n.version = $expectedVersion
OPTIONAL MATCH (:Agency {id: $agencyId})-[m:MEMBER_OF]->(n)
DELETE m
WITH DISTINCT n
SET n.version = n.version + 1, n.updatedAt = $now
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, members: [(pca:Agency)-[pcm:MEMBER_OF]->(n) | {agencyId: pca.id, role: pcm.role}], dutyIds: [(n)-[:COORDINATES]->(pcd:Duty) | pcd.id]} AS node
