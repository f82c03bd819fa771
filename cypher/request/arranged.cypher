// Live requests about a record (not in $dead: rejected, withdrawn) the reader may read: who, about what, status.
MATCH (s:Agency)-[:SENT]->(n:Request)-[:ADDRESSED_TO]->(r:Agency)
WHERE NOT n.archived AND NOT coalesce(n.status, 'submitted') IN $dead
  AND ($viewerId IS NULL OR s.id = $viewerId OR r.id = $viewerId)
MATCH (n)-[:ABOUT]->(x)
RETURN n.id AS id, s.id AS senderId, r.id AS receiverId, x.id AS aboutId, n.status AS status,
       n.subject AS subject, n.filedOn AS filedOn
