// One page of duties, filtered (function code matches by prefix: '06' finds '06.2').
MATCH (n:Duty)
WHERE ($includeArchived OR NOT n.archived)
  AND ($agencyId IS NULL OR (:Agency {id: $agencyId})-[:HAS_DUTY]->(n))
  AND ($functionCode IS NULL OR n.functionCode STARTS WITH $functionCode)
  AND ($beneficiary IS NULL OR $beneficiary IN n.beneficiaries)
  AND ($q IS NULL OR n.search CONTAINS $q)
WITH n, CASE $sort WHEN 'title' THEN n.titleFa WHEN 'function' THEN n.functionCode ELSE n.createdAt END AS k
ORDER BY CASE WHEN $desc THEN k END DESC, CASE WHEN NOT $desc THEN k END ASC, n.id
SKIP $skip LIMIT $limit
OPTIONAL MATCH (n)<-[pch:HAS_DUTY]-(pca:Agency)
WITH n, k, collect([pch.role, pca.id]) AS holders
RETURN n {.*, search: null, words: null, agencyId: [h IN holders WHERE h[0] = 'lead' | h[1]][0], supportAgencyIds: [h IN holders WHERE h[0] = 'support' | h[1]]} AS node
ORDER BY CASE WHEN $desc THEN k END DESC, CASE WHEN NOT $desc THEN k END ASC, n.id  // again: collect() does not keep the order
