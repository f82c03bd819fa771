// Issues each agency raised (a DataLoader batch).
MATCH (a:Agency)-[:RAISED]->(n:Issue)
WHERE a.id IN $ids AND ($includeArchived OR NOT n.archived)
RETURN a.id AS key, n {.*, raisedById: [(a:Agency)-[:RAISED]->(n) | a.id][0], concernsIds: [(n)-[:CONCERNS]->(c:Agency) | c.id], blocksDutyId: [(n)-[:BLOCKS]->(d:Duty) | d.id][0]} AS node
ORDER BY n.raisedOn DESC, n.id
