// Exchanges each agency received (a DataLoader batch).
MATCH (a:Agency)<-[:TO]-(n:Exchange)
WHERE a.id IN $ids AND ($includeArchived OR NOT n.archived)
RETURN a.id AS key, n {.*, providerId: [(pcp:Agency)-[:GAVE]->(n) | pcp.id][0], receiverId: [(n)-[:TO]->(pcr:Agency) | pcr.id][0], dutyId: [(n)-[:SERVES]->(pcd:Duty) | pcd.id][0]} AS node
ORDER BY n.date DESC, n.id
