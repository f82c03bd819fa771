// Set changed fields if the version still matches; no row back otherwise.
MATCH (n:Duty {id: $id})
WHERE n.version = $expectedVersion
SET n += $props, n.version = n.version + 1, n.updatedAt = $now
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, agencyId: [(pca:Agency)-[:HAS_DUTY {role: 'lead'}]->(n) | pca.id][0], supportAgencyIds: [(pcs:Agency)-[:HAS_DUTY {role: 'support'}]->(n) | pcs.id]} AS node
