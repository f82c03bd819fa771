// Requests addressed to each agency (a DataLoader batch).
MATCH (a:Agency)<-[:ADDRESSED_TO]-(n:Request)
WHERE a.id IN $ids AND ($includeArchived OR NOT n.archived)
RETURN a.id AS key, n {.*, senderId: [(pcs:Agency)-[:SENT]->(n) | pcs.id][0], receiverId: [(n)-[:ADDRESSED_TO]->(pcr:Agency) | pcr.id][0], aboutId: [(n)-[:ABOUT]->(pcx) | pcx.id][0]} AS node
ORDER BY n.filedOn DESC, n.id
