// Requests by id (a DataLoader batch).
MATCH (n:Request)
WHERE n.id IN $ids
RETURN n {.*, senderId: [(pcs:Agency)-[:SENT]->(n) | pcs.id][0], receiverId: [(n)-[:ADDRESSED_TO]->(pcr:Agency) | pcr.id][0], aboutId: [(n)-[:ABOUT]->(pcx) | pcx.id][0]} AS node
