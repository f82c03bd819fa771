// Each agency's duties with its role in them (a DataLoader batch).
MATCH (a:Agency)
WHERE a.id IN $ids
WITH a
MATCH (a)-[r:HAS_DUTY]->(n:Duty)
WHERE $includeArchived OR NOT n.archived
OPTIONAL MATCH (n)<-[pch:HAS_DUTY]-(pca:Agency)
WITH a, r, n, collect([pch.role, pca.id]) AS holders
RETURN a.id AS key, n {.*, search: null, words: null, agencyId: [h IN holders WHERE h[0] = 'lead' | h[1]][0], supportAgencyIds: [h IN holders WHERE h[0] = 'support' | h[1]]} AS node, r.role AS role
ORDER BY n.functionCode, n.id
