// The requests filed under each agreement (their agreementId), oldest first (a DataLoader batch).
MATCH (n:Request)
WHERE n.agreementId IN $ids AND ($includeArchived OR NOT n.archived)
OPTIONAL MATCH (pcs:Agency)-[:SENT]->(n)
OPTIONAL MATCH (n)-[:ADDRESSED_TO]->(pcr:Agency)
OPTIONAL MATCH (n)-[:ABOUT]->(pcx)
RETURN n.agreementId AS key, n {.*, search: null, senderId: pcs.id, receiverId: pcr.id, aboutId: pcx.id} AS node
ORDER BY n.createdAt, n.id
