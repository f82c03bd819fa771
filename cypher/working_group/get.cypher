// Working groups by id (a DataLoader batch).
MATCH (n:WorkingGroup)
WHERE n.id IN $ids
RETURN n {.*, search: null, words: null, members: [(pca:Agency)-[pcm:MEMBER_OF]->(n) | {agencyId: pca.id, role: pcm.role}], dutyIds: [(n)-[:COORDINATES]->(pcd:Duty) | pcd.id]} AS node
