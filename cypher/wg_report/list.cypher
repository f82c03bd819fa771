// Transparency reports of the given groups (null: all), newest period first; an agency viewer sees
// published reports and those of its own groups.
MATCH (n:WgReport)-[:REPORT_OF]->(g:WorkingGroup)
WHERE ($groupIds IS NULL OR g.id IN $groupIds)
  AND ($status IS NULL OR n.status = $status)
  AND ($viewerId IS NULL OR n.status = 'published' OR (:Agency {id: $viewerId})-[:MEMBER_OF]->(g))
WITH n, g
ORDER BY n.year DESC, n.period, g.nameFa, n.id
RETURN n {.*, groupId: g.id, memberIds: [(pa:Agency)-[:MEMBER_OF]->(g) | pa.id]} AS node
