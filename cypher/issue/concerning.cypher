// Issues raised about each agency (a DataLoader batch).
MATCH (n:Issue)-[:CONCERNS]->(a:Agency)
WHERE a.id IN $ids AND ($includeArchived OR NOT n.archived)
RETURN a.id AS key, n {.*, raisedById: [(a:Agency)-[:RAISED]->(n) | a.id][0], concernsIds: [(n)-[:CONCERNS]->(c:Agency) | c.id], blocksDutyId: [(n)-[:BLOCKS]->(d:Duty) | d.id][0]} AS node
ORDER BY n.raisedOn DESC, n.id
