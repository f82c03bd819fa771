// Meetings of the given groups (null: all), newest first; an agency viewer sees only its groups' meetings.
MATCH (n:WgMeeting)-[:MEETING_OF]->(g:WorkingGroup)
WHERE ($groupIds IS NULL OR g.id IN $groupIds)
  AND ($viewerId IS NULL OR (:Agency {id: $viewerId})-[:MEMBER_OF]->(g))
WITH n, g
ORDER BY n.date DESC, n.id
RETURN n {.*, groupId: g.id, memberIds: [(pa:Agency)-[:MEMBER_OF]->(g) | pa.id]} AS node
