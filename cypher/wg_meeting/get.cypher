// Meetings by id, each with its group's member ids (what the policy reads).
MATCH (n:WgMeeting)-[:MEETING_OF]->(g:WorkingGroup)
WHERE n.id IN $ids
RETURN n {.*, groupId: g.id, memberIds: [(pa:Agency)-[:MEMBER_OF]->(g) | pa.id]} AS node
