// How many requests the list filters match.
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
RETURN count(n) AS total
