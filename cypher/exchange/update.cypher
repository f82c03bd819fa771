// Set changed fields if the version still matches; no row back otherwise.
MATCH (n:Exchange {id: $id})
WHERE n.version = $expectedVersion
SET n += $props, n.version = n.version + 1, n.updatedAt = $now
RETURN n {.*, providerId: [(p:Agency)-[:GAVE]->(n) | p.id][0], receiverId: [(n)-[:TO]->(r:Agency) | r.id][0], dutyId: [(n)-[:SERVES]->(d:Duty) | d.id][0]} AS node
