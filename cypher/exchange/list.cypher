// One page of exchanges, filtered by kind, status, parties, date range and amount.
MATCH (n:Exchange)
WHERE ($includeArchived OR NOT n.archived)
  AND ($viewerId IS NULL OR ((:Agency {id: $viewerId})-[:GAVE]->(n) OR (n)-[:TO]->(:Agency {id: $viewerId})))
  AND ($kind IS NULL OR n.kind = $kind)
  AND ($status IS NULL OR n.status = $status)
  AND ($providerId IS NULL OR (:Agency {id: $providerId})-[:GAVE]->(n))
  AND ($receiverId IS NULL OR (n)-[:TO]->(:Agency {id: $receiverId}))
  AND ($from IS NULL OR n.date >= $from)
  AND ($to IS NULL OR n.date <= $to)
  AND ($minAmount IS NULL OR n.amountRials >= $minAmount)
  AND ($q IS NULL OR n.search CONTAINS $q)
WITH n, CASE $sort WHEN 'title' THEN n.titleFa WHEN 'date' THEN n.date ELSE n.createdAt END AS k,
     CASE $sort WHEN 'amount' THEN coalesce(n.amountRials, 0) ELSE 0 END AS amount
ORDER BY CASE WHEN $desc THEN amount END DESC, CASE WHEN NOT $desc THEN amount END ASC,
         CASE WHEN $desc THEN k END DESC, CASE WHEN NOT $desc THEN k END ASC, n.id
SKIP $skip LIMIT $limit
OPTIONAL MATCH (pcp:Agency)-[:GAVE]->(n)
OPTIONAL MATCH (n)-[:TO]->(pcr:Agency)
OPTIONAL MATCH (n)-[:SERVES]->(pcd:Duty)
RETURN n {.*, search: null, words: null, providerId: pcp.id, receiverId: pcr.id, dutyId: pcd.id} AS node
ORDER BY CASE WHEN $desc THEN amount END DESC, CASE WHEN NOT $desc THEN amount END ASC,
         CASE WHEN $desc THEN k END DESC, CASE WHEN NOT $desc THEN k END ASC, n.id  // again: OPTIONAL MATCH need not keep it
