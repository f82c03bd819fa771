// Decisions of the given groups (null: all), optionally of one owner, by due date; an agency viewer
// sees the decisions of its groups and those it owns.
MATCH (n:WgDecision)-[:DECISION_OF]->(g:WorkingGroup)
WHERE ($groupIds IS NULL OR g.id IN $groupIds)
  AND ($ownerId IS NULL OR n.ownerId = $ownerId)
  AND ($viewerId IS NULL OR n.ownerId = $viewerId OR (:Agency {id: $viewerId})-[:MEMBER_OF]->(g))
WITH n, g
ORDER BY n.dueDate, n.createdAt, n.id
RETURN n {.*, groupId: g.id, memberIds: [(pa:Agency)-[:MEMBER_OF]->(g) | pa.id]} AS node
