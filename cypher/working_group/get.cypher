// Working groups by id (a DataLoader batch).
MATCH (n:WorkingGroup)
WHERE n.id IN $ids
RETURN n {.*, members: [(a:Agency)-[m:MEMBER_OF]->(n) | {agencyId: a.id, role: m.role}], dutyIds: [(n)-[:COORDINATES]->(d:Duty) | d.id]} AS node
