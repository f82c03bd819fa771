// The working groups each agency belongs to, with its role (a DataLoader batch).
MATCH (a:Agency)-[m:MEMBER_OF]->(n:WorkingGroup)
WHERE a.id IN $ids AND ($includeArchived OR NOT n.archived)
RETURN a.id AS key, n {.*, search: null, words: null, members: [(pca:Agency)-[pcm:MEMBER_OF]->(n) | {agencyId: pca.id, role: pcm.role}], dutyIds: [(n)-[:COORDINATES]->(pcd:Duty) | pcd.id]} AS node, m.role AS role
ORDER BY n.nameFa
