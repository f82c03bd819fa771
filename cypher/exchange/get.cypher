// Exchanges by id (a DataLoader batch).
MATCH (n:Exchange)
WHERE n.id IN $ids
RETURN n {.*, providerId: [(p:Agency)-[:GAVE]->(n) | p.id][0], receiverId: [(n)-[:TO]->(r:Agency) | r.id][0], dutyId: [(n)-[:SERVES]->(d:Duty) | d.id][0]} AS node
