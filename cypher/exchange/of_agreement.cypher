// The exchanges that belong to each agreement (their agreementId), by date (a DataLoader batch).
MATCH (n:Exchange)
WHERE n.agreementId IN $ids AND ($includeArchived OR NOT n.archived)
OPTIONAL MATCH (pcp:Agency)-[:GAVE]->(n)
OPTIONAL MATCH (n)-[:TO]->(pcr:Agency)
OPTIONAL MATCH (n)-[:SERVES]->(pcd:Duty)
RETURN n.agreementId AS key, n {.*, search: null, providerId: pcp.id, receiverId: pcr.id, dutyId: pcd.id} AS node
ORDER BY n.date, n.id
