// Engagement entries by id, with their stakeholder, the agency that held each and the commitment it follows up.
MATCH (e:Engagement)-[:WITH]->(s:Stakeholder)
WHERE e.id IN $ids
RETURN e {.*, search: null, stakeholderId: s.id, agencyId: [(pa:Agency)-[:HELD]->(e) | pa.id][0], commitmentId: [(e)-[:FOLLOWS_UP]->(pc:Commitment) | pc.id][0]} AS node
