// Capacity nodes by id (a DataLoader batch).
MATCH (n:Capacity)
WHERE n.id IN $ids
RETURN n {.*, search: null, words: null, agencyId: [(pca:Agency)-[:OFFERS]->(n) | pca.id][0]} AS node
