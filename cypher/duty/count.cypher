// How many duties the list filters match.
MATCH (n:Duty)
WHERE ($includeArchived OR NOT n.archived)
  AND ($agencyId IS NULL OR (:Agency {id: $agencyId})-[:HAS_DUTY]->(n))
  AND ($functionCode IS NULL OR n.functionCode STARTS WITH $functionCode)
  AND ($beneficiary IS NULL OR $beneficiary IN n.beneficiaries)
  AND ($q IS NULL OR n.search CONTAINS $q)
RETURN count(n) AS total
