// Set changed fields if the version still matches; no row back otherwise.
MATCH (n:Issue {id: $id})
WHERE n.version = $expectedVersion
SET n += $props, n.version = n.version + 1, n.updatedAt = $now
RETURN n {.*, raisedById: [(a:Agency)-[:RAISED]->(n) | a.id][0], concernsIds: [(n)-[:CONCERNS]->(c:Agency) | c.id], blocksDutyId: [(n)-[:BLOCKS]->(d:Duty) | d.id][0]} AS node
