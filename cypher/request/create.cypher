// File a request with another agency, about a capacity, need, issue or duty when given. A stakeholder
// group kept from before stakeholders were their own kind (kind stakeholder_group) never receives one.
MATCH (s:Agency {id: $senderId})
MATCH (r:Agency {id: $receiverId})
WHERE coalesce(r.kind, '') <> 'stakeholder_group'
OPTIONAL MATCH (xc:Capacity {id: $aboutId})
OPTIONAL MATCH (xn:Need {id: $aboutId})
OPTIONAL MATCH (xi:Issue {id: $aboutId})
OPTIONAL MATCH (xd:Duty {id: $aboutId})
WITH s, r, coalesce(xc, xn, xi, xd) AS x
WHERE $aboutId IS NULL OR x IS NOT NULL
CREATE (n:Request {id: $id})
SET n += $props
CREATE (s)-[:SENT]->(n)-[:ADDRESSED_TO]->(r)
FOREACH (_ IN CASE WHEN x IS NULL THEN [] ELSE [1] END | CREATE (n)-[:ABOUT]->(x))
FOREACH (_ IN CASE WHEN $idempotencyKey IS NULL THEN [] ELSE [1] END | CREATE (:IdempotencyKey {key: $idempotencyKey, entityId: $id, at: $now, inputHash: $inputHash}))
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, senderId: s.id, receiverId: r.id, aboutId: $aboutId} AS node
