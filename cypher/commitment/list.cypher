// Commitments of the given stakeholders (or all), by owner agency and status, due first; an agency
// (viewerId) sees only the ones it owes. key: the stakeholder's id.
MATCH (c:Commitment)-[:MADE_TO]->(s:Stakeholder)
WHERE ($stakeholderIds IS NULL OR s.id IN $stakeholderIds)
  AND ($ownerId IS NULL OR (:Agency {id: $ownerId})-[:OWES]->(c))
  AND ($viewerId IS NULL OR (:Agency {id: $viewerId})-[:OWES]->(c))
  AND ($status IS NULL OR c.status = $status)
RETURN s.id AS key, c {.*, search: null, stakeholderId: s.id, ownerId: [(po:Agency)-[:OWES]->(c) | po.id][0]} AS node
ORDER BY node.dueDate, node.id
