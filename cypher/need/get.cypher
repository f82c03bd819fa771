// Need nodes by id (a DataLoader batch).
MATCH (n:Need)
WHERE n.id IN $ids
RETURN n {.*, agencyId: [(a:Agency)-[:NEEDS]->(n) | a.id][0]} AS node
