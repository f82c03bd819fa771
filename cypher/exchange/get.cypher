// Exchanges by id (a DataLoader batch).
MATCH (n:Exchange)
WHERE n.id IN $ids
OPTIONAL MATCH (pcp:Agency)-[:GAVE]->(n)
OPTIONAL MATCH (n)-[:TO]->(pcr:Agency)
OPTIONAL MATCH (n)-[:SERVES]->(pcd:Duty)
RETURN n {.*, search: null, words: null, providerId: pcp.id, receiverId: pcr.id, dutyId: pcd.id} AS node
