// One page of requests; overdueOn keeps open ones whose due date is before that day.
MATCH (n:Request)
WHERE ($includeArchived OR NOT n.archived)
  AND ($viewerId IS NULL OR ((:Agency {id: $viewerId})-[:SENT]->(n) OR (n)-[:ADDRESSED_TO]->(:Agency {id: $viewerId})))
  AND ($status IS NULL OR n.status = $status)
  AND ($senderId IS NULL OR (:Agency {id: $senderId})-[:SENT]->(n))
  AND ($receiverId IS NULL OR (n)-[:ADDRESSED_TO]->(:Agency {id: $receiverId}))
  AND ($dueFrom IS NULL OR n.dueDate >= $dueFrom)
  AND ($dueTo IS NULL OR n.dueDate <= $dueTo)
  AND ($overdueOn IS NULL OR (n.dueDate < $overdueOn AND n.status IN $openStatuses))
  AND ($q IS NULL OR n.search CONTAINS $q)
WITH n, CASE $sort WHEN 'due' THEN n.dueDate WHEN 'subject' THEN n.subject WHEN 'filed' THEN n.filedOn ELSE n.createdAt END AS k
ORDER BY CASE WHEN $desc THEN k END DESC, CASE WHEN NOT $desc THEN k END ASC, n.id
SKIP $skip LIMIT $limit
OPTIONAL MATCH (pcs:Agency)-[:SENT]->(n)
OPTIONAL MATCH (n)-[:ADDRESSED_TO]->(pcr:Agency)
OPTIONAL MATCH (n)-[:ABOUT]->(pcx)
RETURN n {.*, search: null, words: null, senderId: pcs.id, receiverId: pcr.id, aboutId: pcx.id} AS node
ORDER BY CASE WHEN $desc THEN k END DESC, CASE WHEN NOT $desc THEN k END ASC, n.id  // again: OPTIONAL MATCH need not keep it
