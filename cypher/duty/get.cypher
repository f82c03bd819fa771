// Duties by id (a DataLoader batch).
MATCH (n:Duty)
WHERE n.id IN $ids
RETURN n {.*, agencyId: [(pca:Agency)-[:HAS_DUTY {role: 'lead'}]->(n) | pca.id][0], supportAgencyIds: [(pca:Agency)-[:HAS_DUTY {role: 'support'}]->(n) | pca.id]} AS node
