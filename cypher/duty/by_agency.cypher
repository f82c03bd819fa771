// Each agency's duties with its role in them (a DataLoader batch).
MATCH (a:Agency)-[r:HAS_DUTY]->(n:Duty)
WHERE a.id IN $ids AND ($includeArchived OR NOT n.archived)
RETURN a.id AS key, n {.*, agencyId: [(pca:Agency)-[:HAS_DUTY {role: 'lead'}]->(n) | pca.id][0], supportAgencyIds: [(pca:Agency)-[:HAS_DUTY {role: 'support'}]->(n) | pca.id]} AS node, r.role AS role
ORDER BY n.functionCode, n.id
