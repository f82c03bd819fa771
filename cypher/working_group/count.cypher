// How many working groups the list filters match.
MATCH (n:WorkingGroup)
WHERE ($includeArchived OR NOT n.archived)
  AND ($agencyId IS NULL OR (:Agency {id: $agencyId})-[:MEMBER_OF]->(n))
  AND ($q IS NULL OR n.search CONTAINS $q)
RETURN count(n) AS total
