// Decisions by id, each with its group's member ids (the policy reads them and the owner).
MATCH (n:WgDecision)-[:DECISION_OF]->(g:WorkingGroup)
WHERE n.id IN $ids
RETURN n {.*, groupId: g.id, memberIds: [(pa:Agency)-[:MEMBER_OF]->(g) | pa.id]} AS node
