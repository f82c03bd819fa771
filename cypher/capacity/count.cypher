// How many capacity records the list filters match.
MATCH (n:Capacity)
WHERE ($includeArchived OR NOT n.archived)
  AND ($agencyId IS NULL OR (:Agency {id: $agencyId})-[:OFFERS]->(n))
  AND ($kind IS NULL OR n.kind = $kind)
  AND ($innovationCentre IS NULL OR n.innovationCentre = $innovationCentre)
  AND ($activeOn IS NULL OR ((n.availableFrom IS NULL OR n.availableFrom <= $activeOn) AND (n.availableTo IS NULL OR n.availableTo >= $activeOn)))
  AND ($q IS NULL OR n.search CONTAINS $q)
RETURN count(n) AS total
