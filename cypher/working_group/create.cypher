// Create a working group with its members (and roles) and the duties it coordinates.
OPTIONAL MATCH (a:Agency)
WHERE a.id IN [m IN $members | m.agencyId]
WITH collect(DISTINCT a) AS agencies
WHERE size(agencies) = size($members)
OPTIONAL MATCH (d:Duty)
WHERE d.id IN $dutyIds
WITH agencies, collect(DISTINCT d) AS duties
WHERE size(duties) = size($dutyIds)
CREATE (n:WorkingGroup {id: $id})
SET n += $props
FOREACH (a IN agencies | CREATE (a)-[:MEMBER_OF {role: [m IN $members WHERE m.agencyId = a.id][0].role}]->(n))
FOREACH (d IN duties | CREATE (n)-[:COORDINATES]->(d))
FOREACH (_ IN CASE WHEN $idempotencyKey IS NULL THEN [] ELSE [1] END | CREATE (:IdempotencyKey {key: $idempotencyKey, entityId: $id, at: $now, inputHash: $inputHash}))
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, members: [(pca:Agency)-[pcm:MEMBER_OF]->(n) | {agencyId: pca.id, role: pcm.role}], dutyIds: [(n)-[:COORDINATES]->(pcd:Duty) | pcd.id]} AS node
