// Set changed fields if the version still matches; no row back otherwise.
MATCH (n:WorkingGroup {id: $id})
WHERE n.version = $expectedVersion
SET n += $props, n.version = n.version + 1, n.updatedAt = $now
RETURN n {.*, members: [(a:Agency)-[m:MEMBER_OF]->(n) | {agencyId: a.id, role: m.role}], dutyIds: [(n)-[:COORDINATES]->(d:Duty) | d.id]} AS node
