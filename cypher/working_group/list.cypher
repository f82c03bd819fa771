// One page of working groups.
MATCH (n:WorkingGroup)
WHERE ($includeArchived OR NOT n.archived)
  AND ($agencyId IS NULL OR (:Agency {id: $agencyId})-[:MEMBER_OF]->(n))
  AND ($q IS NULL OR n.search CONTAINS $q)
WITH n, CASE $sort WHEN 'name' THEN n.nameFa ELSE n.createdAt END AS k
ORDER BY CASE WHEN $desc THEN k END DESC, CASE WHEN NOT $desc THEN k END ASC, n.id
SKIP $skip LIMIT $limit
RETURN n {.*, search: null, words: null, members: [(pca:Agency)-[pcm:MEMBER_OF]->(n) | {agencyId: pca.id, role: pcm.role}], dutyIds: [(n)-[:COORDINATES]->(pcd:Duty) | pcd.id]} AS node
