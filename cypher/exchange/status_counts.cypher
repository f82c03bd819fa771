// Exchanges per status; $viewerId (an agency) counts only those it gave or received.
MATCH (n:Exchange)
WHERE NOT n.archived
  AND ($viewerId IS NULL OR ((:Agency {id: $viewerId})-[:GAVE]->(n) OR (n)-[:TO]->(:Agency {id: $viewerId})))
RETURN n.status AS status, count(n) AS count
ORDER BY status
