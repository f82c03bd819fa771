// Sub-agencies of each agency (a DataLoader batch).
MATCH (c:Agency)-[:PART_OF]->(p:Agency)
WHERE p.id IN $ids AND ($includeArchived OR NOT c.archived)
RETURN p.id AS key, c {.*, parentId: p.id} AS node
ORDER BY c.code
