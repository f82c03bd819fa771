// Sub-agencies of each agency (a DataLoader batch).
MATCH (p:Agency)
WHERE p.id IN $ids
WITH p
MATCH (c:Agency)-[:PART_OF]->(p)
WHERE $includeArchived OR NOT c.archived
RETURN p.id AS key, c {.*, search: null, words: null, parentId: p.id} AS node
ORDER BY c.code
