// Issues per status, for the directorate's dashboard; $viewerId (an agency) counts only those it
// raised or that concern it.
MATCH (n:Issue)
WHERE NOT n.archived
  AND ($viewerId IS NULL OR ((:Agency {id: $viewerId})-[:RAISED]->(n) OR (n)-[:CONCERNS]->(:Agency {id: $viewerId})))
RETURN n.status AS status, count(n) AS count
ORDER BY status
