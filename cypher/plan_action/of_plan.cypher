// Each plan's actions by due date (a batch by plan id); $viewerId (an agency) keeps only those it owns.
MATCH (p:Plan)-[:HAS_ACTION]->(n:PlanAction)
WHERE p.id IN $ids AND ($includeArchived OR NOT n.archived)
  AND ($viewerId IS NULL OR (:Agency {id: $viewerId})-[:OWNS_ACTION]->(n))
RETURN p.id AS key, n {.*, search: null, planId: p.id, ownerIds: [(o:Agency)-[:OWNS_ACTION]->(n) | o.id]} AS node
ORDER BY n.dueDate, n.id
