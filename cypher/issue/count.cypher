// How many issues the list filters match.
MATCH (n:Issue)
WHERE ($includeArchived OR NOT n.archived)
  AND ($viewerId IS NULL OR ((:Agency {id: $viewerId})-[:RAISED]->(n) OR (n)-[:CONCERNS]->(:Agency {id: $viewerId})))
  AND ($raisedById IS NULL OR (:Agency {id: $raisedById})-[:RAISED]->(n))
  AND ($concernsId IS NULL OR (n)-[:CONCERNS]->(:Agency {id: $concernsId}))
  AND ($status IS NULL OR n.status = $status)
  AND ($severity IS NULL OR n.severity = $severity)
  AND ($category IS NULL OR n.category = $category)
  AND ($from IS NULL OR n.raisedOn >= $from)
  AND ($to IS NULL OR n.raisedOn <= $to)
  AND ($q IS NULL OR n.search CONTAINS $q)
RETURN count(n) AS total
