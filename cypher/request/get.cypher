// Requests by id (a DataLoader batch).
MATCH (n:Request)
WHERE n.id IN $ids
RETURN n {.*, senderId: [(s:Agency)-[:SENT]->(n) | s.id][0], receiverId: [(n)-[:ADDRESSED_TO]->(r:Agency) | r.id][0], aboutId: [(n)-[:ABOUT]->(x) | x.id][0]} AS node
