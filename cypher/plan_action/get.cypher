// Plan actions by id, with their plan and owner agencies.
MATCH (n:PlanAction)
WHERE n.id IN $ids
OPTIONAL MATCH (p:Plan)-[:HAS_ACTION]->(n)
RETURN n {.*, search: null, planId: p.id, ownerIds: [(o:Agency)-[:OWNS_ACTION]->(n) | o.id]} AS node
