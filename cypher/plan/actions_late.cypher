// Plan actions neither done nor cancelled whose due date is before $today (ISO), in plans not closed,
// with their owner agencies (the notifier reads this: CONTRACT-18).
MATCH (p:Plan)-[:HAS_ACTION]->(n:PlanAction)
WHERE NOT n.archived AND p.status <> 'closed' AND n.dueDate IS NOT NULL AND n.dueDate < $today
  AND NOT n.status IN ['done', 'cancelled']
RETURN n.id AS actionId, p.id AS planId, n.titleFa AS titleFa, n.dueDate AS dueDate,
       [(o:Agency)-[:OWNS_ACTION]->(n) | o.id] AS ownerIds
ORDER BY n.dueDate, n.id
