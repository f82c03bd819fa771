// How many exchanges the list filters match.
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
RETURN count(n) AS total
