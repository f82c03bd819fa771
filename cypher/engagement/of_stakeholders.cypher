// The engagement log of each stakeholder (newest first), batched by stakeholder ids.
MATCH (s:Stakeholder)
WHERE s.id IN $ids
MATCH (e:Engagement)-[:WITH]->(s)
RETURN s.id AS key, e {.*, search: null, stakeholderId: s.id, agencyId: [(pa:Agency)-[:HELD]->(e) | pa.id][0], commitmentId: [(e)-[:FOLLOWS_UP]->(pc:Commitment) | pc.id][0]} AS node
ORDER BY key, node.date DESC, node.id
