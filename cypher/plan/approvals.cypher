// Each plan's recorded approval steps, in chain order (a batch by plan id).
MATCH (n:Plan)-[:HAS_APPROVAL]->(a:PlanApproval)
WHERE n.id IN $ids
RETURN n.id AS key, a {.*} AS node
ORDER BY a.position, a.at
