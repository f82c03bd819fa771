// Set changed fields if the version still matches; no row back otherwise.
MATCH (n:Request {id: $id})
WHERE n.version = $expectedVersion
SET n += $props, n.version = n.version + 1, n.updatedAt = $now
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, senderId: [(pcs:Agency)-[:SENT]->(n) | pcs.id][0], receiverId: [(n)-[:ADDRESSED_TO]->(pcr:Agency) | pcr.id][0], aboutId: [(n)-[:ABOUT]->(pcx) | pcx.id][0]} AS node
