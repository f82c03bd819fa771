// How many need records the list filters match.
MATCH (n:Need)
WHERE ($includeArchived OR NOT n.archived)
  AND ($viewerId IS NULL OR (:Agency {id: $viewerId})-[:NEEDS]->(n))
  AND ($agencyId IS NULL OR (:Agency {id: $agencyId})-[:NEEDS]->(n))
  AND ($kind IS NULL OR n.kind = $kind)
  AND ($activeOn IS NULL OR ((n.neededFrom IS NULL OR n.neededFrom <= $activeOn) AND (n.neededTo IS NULL OR n.neededTo >= $activeOn)))
  AND ($q IS NULL OR n.search CONTAINS $q)
RETURN count(n) AS total
