// One page of capacity records; activeOn keeps those whose window contains that day.
MATCH (n:Capacity)
WHERE ($includeArchived OR NOT n.archived)
  AND ($agencyId IS NULL OR (:Agency {id: $agencyId})-[:OFFERS]->(n))
  AND ($kind IS NULL OR n.kind = $kind)
  AND ($innovationCentre IS NULL OR n.innovationCentre = $innovationCentre)
  AND ($activeOn IS NULL OR ((n.availableFrom IS NULL OR n.availableFrom <= $activeOn) AND (n.availableTo IS NULL OR n.availableTo >= $activeOn)))
  AND ($q IS NULL OR n.search CONTAINS $q)
WITH n, CASE $sort WHEN 'title' THEN n.titleFa WHEN 'from' THEN n.availableFrom ELSE n.createdAt END AS k
ORDER BY CASE WHEN $desc THEN k END DESC, CASE WHEN NOT $desc THEN k END ASC, n.id
SKIP $skip LIMIT $limit
RETURN n {.*, search: null, words: null, agencyId: [(pca:Agency)-[:OFFERS]->(n) | pca.id][0]} AS node
