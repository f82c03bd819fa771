// Duties by id (a DataLoader batch).
MATCH (n:Duty)
WHERE n.id IN $ids
OPTIONAL MATCH (n)<-[pch:HAS_DUTY]-(pca:Agency)
WITH n, collect([pch.role, pca.id]) AS holders
RETURN n {.*, search: null, words: null, agencyId: [h IN holders WHERE h[0] = 'lead' | h[1]][0], supportAgencyIds: [h IN holders WHERE h[0] = 'support' | h[1]]} AS node
