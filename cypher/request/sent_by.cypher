// Requests each agency sent (a DataLoader batch).
MATCH (a:Agency)
WHERE a.id IN $ids
WITH a
MATCH (a)-[:SENT]->(n:Request)
WHERE $includeArchived OR NOT n.archived
OPTIONAL MATCH (n)-[:ADDRESSED_TO]->(pcr:Agency)
OPTIONAL MATCH (n)-[:ABOUT]->(pcx)
RETURN a.id AS key, n {.*, search: null, words: null, senderId: a.id, receiverId: pcr.id, aboutId: pcx.id} AS node
ORDER BY n.filedOn DESC, n.id
