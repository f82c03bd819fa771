// Requests each agency sent (a DataLoader batch).
MATCH (a:Agency)-[:SENT]->(n:Request)
WHERE a.id IN $ids AND ($includeArchived OR NOT n.archived)
RETURN a.id AS key, n {.*, senderId: [(s:Agency)-[:SENT]->(n) | s.id][0], receiverId: [(n)-[:ADDRESSED_TO]->(r:Agency) | r.id][0], aboutId: [(n)-[:ABOUT]->(x) | x.id][0]} AS node
ORDER BY n.filedOn DESC, n.id
