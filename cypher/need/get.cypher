// Need nodes by id (a DataLoader batch).
MATCH (n:Need)
WHERE n.id IN $ids
RETURN n {.*, search: null, words: null, agencyId: [(pca:Agency)-[:NEEDS]->(n) | pca.id][0]} AS node
