// One page of agencies, filtered and sorted by whitelisted keys.
MATCH (n:Agency)
WHERE ($includeArchived OR NOT n.archived)
  AND ($kind IS NULL OR n.kind = $kind)
  AND ($level IS NULL OR n.level = $level)
  AND ($jurisdiction IS NULL OR n.jurisdiction = $jurisdiction)
  AND ($geographyCodes IS NULL OR n.geographyCode IN $geographyCodes)
  AND ($parentId IS NULL OR (n)-[:PART_OF]->(:Agency {id: $parentId}))
  AND ($q IS NULL OR n.search CONTAINS $q)
WITH n, CASE $sort WHEN 'code' THEN n.code WHEN 'name' THEN n.nameFa ELSE n.createdAt END AS k
ORDER BY CASE WHEN $desc THEN k END DESC, CASE WHEN NOT $desc THEN k END ASC, n.id
SKIP $skip LIMIT $limit
RETURN n {.*, search: null, words: null, parentId: [(n)-[:PART_OF]->(pcp:Agency) | pcp.id][0]} AS node
