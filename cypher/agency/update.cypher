// Set changed fields if the version still matches; no row back otherwise.
MATCH (n:Agency {id: $id})
WHERE n.version = $expectedVersion
SET n += $props, n.version = n.version + 1, n.updatedAt = $now
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, parentId: [(n)-[:PART_OF]->(pcp:Agency) | pcp.id][0]} AS node
