// Set changed fields if the version still matches; no row back otherwise.
MATCH (n:Capacity {id: $id})
WHERE n.version = $expectedVersion
SET n += $props, n.version = n.version + 1, n.updatedAt = $now
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, agencyId: [(pca:Agency)-[:OFFERS]->(n) | pca.id][0]} AS node
