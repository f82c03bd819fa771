// Requests addressed to each agency (a DataLoader batch).
MATCH (n:Request)-[:ADDRESSED_TO]->(a:Agency)
WHERE a.id IN $ids AND ($includeArchived OR NOT n.archived)
RETURN a.id AS key, n {.*, senderId: [(s:Agency)-[:SENT]->(n) | s.id][0], receiverId: [(n)-[:ADDRESSED_TO]->(r:Agency) | r.id][0], aboutId: [(n)-[:ABOUT]->(x) | x.id][0]} AS node
ORDER BY n.filedOn DESC, n.id
