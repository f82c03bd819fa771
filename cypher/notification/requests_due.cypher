// Open requests due on or before $horizon (due soon, overdue and escalated ones are all among them),
// with the receiver's parent agency, which hears of an escalation.
MATCH (n:Request)
WHERE n.status IN $openStatuses
  AND n.dueDate IS NOT NULL
  AND n.dueDate <= $horizon
  AND coalesce(n.archived, false) = false
OPTIONAL MATCH (s:Agency)-[:SENT]->(n)
OPTIONAL MATCH (n)-[:ADDRESSED_TO]->(r:Agency)
OPTIONAL MATCH (r)-[:PART_OF]->(p:Agency)
RETURN n.id AS id, n.subject AS subject, n.dueDate AS dueDate, s.id AS senderId, r.id AS receiverId, p.id AS parentId
ORDER BY dueDate, id
