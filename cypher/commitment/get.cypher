// Commitments by id (a DataLoader batch), with their stakeholder and owner agency.
MATCH (c:Commitment)-[:MADE_TO]->(s:Stakeholder)
WHERE c.id IN $ids
RETURN c {.*, search: null, stakeholderId: s.id, ownerId: [(po:Agency)-[:OWES]->(c) | po.id][0]} AS node
