// How many agencies the list filters match.
MATCH (n:Agency)
WHERE ($includeArchived OR NOT n.archived)
  AND ($kind IS NULL OR n.kind = $kind)
  AND ($level IS NULL OR n.level = $level)
  AND ($jurisdiction IS NULL OR n.jurisdiction = $jurisdiction)
  AND ($geographyCodes IS NULL OR n.geographyCode IN $geographyCodes)
  AND ($parentId IS NULL OR (n)-[:PART_OF]->(:Agency {id: $parentId}))
  AND ($q IS NULL OR n.search CONTAINS $q)
RETURN count(n) AS total
