// Requests addressed to each agency (a DataLoader batch).
MATCH (a:Agency)
WHERE a.id IN $ids
WITH a
MATCH (a)<-[:ADDRESSED_TO]-(n:Request)
WHERE $includeArchived OR NOT n.archived
OPTIONAL MATCH (pcs:Agency)-[:SENT]->(n)
OPTIONAL MATCH (n)-[:ABOUT]->(pcx)
RETURN a.id AS key, n {.*, search: null, words: null, senderId: pcs.id, receiverId: a.id, aboutId: pcx.id} AS node
ORDER BY n.filedOn DESC, n.id
