// One page of need records; activeOn keeps those whose window contains that day.
MATCH (n:Need)
WHERE ($includeArchived OR NOT n.archived)
  AND ($viewerId IS NULL OR (:Agency {id: $viewerId})-[:NEEDS]->(n))
  AND ($agencyId IS NULL OR (:Agency {id: $agencyId})-[:NEEDS]->(n))
  AND ($kind IS NULL OR n.kind = $kind)
  AND ($activeOn IS NULL OR ((n.neededFrom IS NULL OR n.neededFrom <= $activeOn) AND (n.neededTo IS NULL OR n.neededTo >= $activeOn)))
  AND ($q IS NULL OR n.search CONTAINS $q)
WITH n, CASE $sort WHEN 'title' THEN n.titleFa WHEN 'from' THEN n.neededFrom ELSE n.createdAt END AS k
ORDER BY CASE WHEN $desc THEN k END DESC, CASE WHEN NOT $desc THEN k END ASC, n.id
SKIP $skip LIMIT $limit
RETURN n {.*, search: null, words: null, agencyId: [(pca:Agency)-[:NEEDS]->(n) | pca.id][0]} AS node
