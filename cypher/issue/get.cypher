// Issues by id (a DataLoader batch).
MATCH (n:Issue)
WHERE n.id IN $ids
RETURN n {.*, raisedById: [(a:Agency)-[:RAISED]->(n) | a.id][0], concernsIds: [(n)-[:CONCERNS]->(c:Agency) | c.id], blocksDutyId: [(n)-[:BLOCKS]->(d:Duty) | d.id][0]} AS node
