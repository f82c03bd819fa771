// Set changed fields if the version still matches; no row back otherwise.
MATCH (n:Request {id: $id})
WHERE n.version = $expectedVersion
SET n += $props, n.version = n.version + 1, n.updatedAt = $now
RETURN n {.*, senderId: [(s:Agency)-[:SENT]->(n) | s.id][0], receiverId: [(n)-[:ADDRESSED_TO]->(r:Agency) | r.id][0], aboutId: [(n)-[:ABOUT]->(x) | x.id][0]} AS node
