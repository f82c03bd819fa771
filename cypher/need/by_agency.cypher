// Each agency's need records (a DataLoader batch).
MATCH (a:Agency)-[:NEEDS]->(n:Need)
WHERE a.id IN $ids AND ($includeArchived OR NOT n.archived)
RETURN a.id AS key, n {.*, search: null, words: null, agencyId: a.id} AS node
ORDER BY n.createdAt, n.id
