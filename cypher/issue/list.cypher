// One page of issues, filtered by party, status, severity, category and date range.
MATCH (n:Issue)
WHERE ($includeArchived OR NOT n.archived)
  AND ($viewerId IS NULL OR ((:Agency {id: $viewerId})-[:RAISED]->(n) OR (n)-[:CONCERNS]->(:Agency {id: $viewerId})))
  AND ($raisedById IS NULL OR (:Agency {id: $raisedById})-[:RAISED]->(n))
  AND ($concernsId IS NULL OR (n)-[:CONCERNS]->(:Agency {id: $concernsId}))
  AND ($status IS NULL OR n.status = $status)
  AND ($severity IS NULL OR n.severity = $severity)
  AND ($category IS NULL OR n.category = $category)
  AND ($source IS NULL OR n.source = $source)
  AND ($level IS NULL OR n.level = $level)
  AND ($from IS NULL OR n.raisedOn >= $from)
  AND ($to IS NULL OR n.raisedOn <= $to)
  AND ($q IS NULL OR n.search CONTAINS $q)
WITH n, CASE $sort WHEN 'title' THEN n.titleFa WHEN 'raised' THEN n.raisedOn ELSE n.createdAt END AS k,
     CASE n.severity WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END AS rank
ORDER BY CASE WHEN $sort = 'severity' AND $desc THEN rank END DESC,
         CASE WHEN $sort = 'severity' AND NOT $desc THEN rank END ASC,
         CASE WHEN $desc THEN k END DESC, CASE WHEN NOT $desc THEN k END ASC, n.id
SKIP $skip LIMIT $limit
RETURN n {.*, search: null, words: null, raisedById: [(pca:Agency)-[:RAISED]->(n) | pca.id][0], concernsIds: [(n)-[:CONCERNS]->(pcc:Agency) | pcc.id], blocksDutyId: [(n)-[:BLOCKS]->(pcd:Duty) | pcd.id][0]} AS node
