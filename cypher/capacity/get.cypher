// Capacity nodes by id (a DataLoader batch).
MATCH (n:Capacity)
WHERE n.id IN $ids
RETURN n {.*, agencyId: [(a:Agency)-[:OFFERS]->(n) | a.id][0]} AS node
