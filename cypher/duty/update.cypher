// Set changed fields if the version still matches; no row back otherwise.
MATCH (n:Duty {id: $id})
WHERE n.version = $expectedVersion
SET n += $props, n.version = n.version + 1, n.updatedAt = $now
RETURN n {.*, agencyId: [(a:Agency)-[:HAS_DUTY {role: 'lead'}]->(n) | a.id][0], supportAgencyIds: [(a:Agency)-[:HAS_DUTY {role: 'support'}]->(n) | a.id]} AS node
