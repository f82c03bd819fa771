// The actions each agency owns, in plans not closed, by due date (a batch by agency id: the portal).
MATCH (a:Agency)-[:OWNS_ACTION]->(n:PlanAction)<-[:HAS_ACTION]-(p:Plan)
WHERE a.id IN $ids AND NOT n.archived AND p.status <> 'closed'
RETURN a.id AS key, n {.*, search: null, planId: p.id, ownerIds: [(o:Agency)-[:OWNS_ACTION]->(n) | o.id]} AS node
ORDER BY n.dueDate, n.id
