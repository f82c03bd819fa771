// Requests filed in the sweep's window (createdAt in ($since, $until]): each is news to its receiver. One
// imported now but filed long ago (filedOn before the window) is not news.
MATCH (n:Request)
WHERE n.createdAt > $since AND n.createdAt <= $until
  AND n.status <> 'draft'
  AND (n.filedOn IS NULL OR n.filedOn >= $sinceDay)
  AND coalesce(n.archived, false) = false
OPTIONAL MATCH (s:Agency)-[:SENT]->(n)
OPTIONAL MATCH (n)-[:ADDRESSED_TO]->(r:Agency)
RETURN n.id AS id, n.subject AS subject, n.dueDate AS dueDate, n.createdAt AS at, s.id AS senderId, r.id AS receiverId
ORDER BY at, id
