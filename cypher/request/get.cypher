// Requests by id (a DataLoader batch).
MATCH (n:Request)
WHERE n.id IN $ids
OPTIONAL MATCH (pcs:Agency)-[:SENT]->(n)
OPTIONAL MATCH (n)-[:ADDRESSED_TO]->(pcr:Agency)
OPTIONAL MATCH (n)-[:ABOUT]->(pcx)
RETURN n {.*, search: null, words: null, senderId: pcs.id, receiverId: pcr.id, aboutId: pcx.id} AS node
