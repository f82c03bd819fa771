// Duties by id (a DataLoader batch).
MATCH (n:Duty)
WHERE n.id IN $ids
RETURN n {.*, agencyId: [(a:Agency)-[:HAS_DUTY {role: 'lead'}]->(n) | a.id][0], supportAgencyIds: [(a:Agency)-[:HAS_DUTY {role: 'support'}]->(n) | a.id]} AS node
