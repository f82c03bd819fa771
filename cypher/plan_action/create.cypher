// Add an action to a plan that is not closed, owned by the agencies named (every one must exist);
// the plan's write lock is taken before its status is read (Neo4j read committed). No row back when
// the plan is missing or closed or an owner is missing.
MATCH (p:Plan {id: $planId})
SET p._lock = true
REMOVE p._lock
WITH p
WHERE p.status <> 'closed'
OPTIONAL MATCH (o:Agency)
WHERE o.id IN $ownerIds
WITH p, collect(o) AS owners
WHERE size(owners) = size($ownerIds)
CREATE (n:PlanAction {id: $id})
SET n += $props
CREATE (p)-[:HAS_ACTION]->(n)
FOREACH (o IN owners | CREATE (o)-[:OWNS_ACTION]->(n))
FOREACH (_ IN CASE WHEN $idempotencyKey IS NULL THEN [] ELSE [1] END | CREATE (:IdempotencyKey {key: $idempotencyKey, entityId: $id, at: $now, inputHash: $inputHash}))
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, search: null, planId: p.id, ownerIds: $ownerIds} AS node
