// Agencies by id (a DataLoader batch).
MATCH (n:Agency)
WHERE n.id IN $ids
RETURN n {.*, search: null, words: null, parentId: [(n)-[:PART_OF]->(pcp:Agency) | pcp.id][0]} AS node
