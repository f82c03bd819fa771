// Record a committee's decision on an issue-cluster proposal, if the round is still at the version
// the decision was checked against (no row otherwise); links the decision to its member issues and owner.
MERGE (r:IntakeRound {id: 'current'})
ON CREATE SET r.version = 0
// write to the round before reading its version: under Neo4j's read committed isolation this takes
// its write lock first, so a decision committed in between is what WHERE sees
SET r._lock = true
REMOVE r._lock
WITH r
WHERE r.version = $expectedVersion
OPTIONAL MATCH (o:Agency {id: $ownerAgencyId})
WITH r, o
WHERE $ownerAgencyId IS NULL OR o IS NOT NULL
OPTIONAL MATCH (i:Issue)
WHERE i.id IN $memberIds
WITH r, o, collect(DISTINCT i) AS members
WHERE size(members) = size($memberIds)
SET r.version = r.version + 1, r.updatedAt = $now
CREATE (d:IntakeDecision {id: $id})
SET d += $props
FOREACH (i IN members | CREATE (d)-[:DECIDES]->(i))
FOREACH (_ IN CASE WHEN o IS NULL THEN [] ELSE [1] END | CREATE (d)-[:ASSIGNS]->(o))
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN d {.*} AS node
