// Requests per status; $viewerId (an agency) counts only those it sent or received.
MATCH (n:Request)
WHERE NOT n.archived
  AND ($viewerId IS NULL OR ((:Agency {id: $viewerId})-[:SENT]->(n) OR (n)-[:ADDRESSED_TO]->(:Agency {id: $viewerId})))
RETURN n.status AS status, count(n) AS count
ORDER BY status
