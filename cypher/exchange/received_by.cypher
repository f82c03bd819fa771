// Exchanges each agency received (a DataLoader batch).
MATCH (a:Agency)
WHERE a.id IN $ids
WITH a
MATCH (a)<-[:TO]-(n:Exchange)
WHERE $includeArchived OR NOT n.archived
OPTIONAL MATCH (pcp:Agency)-[:GAVE]->(n)
OPTIONAL MATCH (n)-[:SERVES]->(pcd:Duty)
RETURN a.id AS key, n {.*, search: null, words: null, providerId: pcp.id, receiverId: a.id, dutyId: pcd.id} AS node
ORDER BY n.date DESC, n.id
