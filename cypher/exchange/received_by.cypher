// Exchanges each agency received (a DataLoader batch).
MATCH (n:Exchange)-[:TO]->(a:Agency)
WHERE a.id IN $ids AND ($includeArchived OR NOT n.archived)
RETURN a.id AS key, n {.*, providerId: [(p:Agency)-[:GAVE]->(n) | p.id][0], receiverId: [(n)-[:TO]->(r:Agency) | r.id][0], dutyId: [(n)-[:SERVES]->(d:Duty) | d.id][0]} AS node
ORDER BY n.date DESC, n.id
