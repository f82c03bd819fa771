// Exchanges by id (a DataLoader batch).
MATCH (n:Exchange)
WHERE n.id IN $ids
RETURN n {.*, providerId: [(pcp:Agency)-[:GAVE]->(n) | pcp.id][0], receiverId: [(n)-[:TO]->(pcr:Agency) | pcr.id][0], dutyId: [(n)-[:SERVES]->(pcd:Duty) | pcd.id][0]} AS node
