// Exchanges each agency gave (a DataLoader batch).
MATCH (a:Agency)
WHERE a.id IN $ids
WITH a
MATCH (a)-[:GAVE]->(n:Exchange)
WHERE $includeArchived OR NOT n.archived
OPTIONAL MATCH (n)-[:TO]->(pcr:Agency)
OPTIONAL MATCH (n)-[:SERVES]->(pcd:Duty)
RETURN a.id AS key, n {.*, search: null, words: null, providerId: a.id, receiverId: pcr.id, dutyId: pcd.id} AS node
ORDER BY n.date DESC, n.id
