// Record a council's decision on the approved list, if the round is still at the version the chain
// was checked against (no row otherwise).
MERGE (r:IntakeRound {id: 'current'})
ON CREATE SET r.version = 0
// write to the round before reading its version (the write lock under read committed isolation)
SET r._lock = true
REMOVE r._lock
WITH r
WHERE r.version = $expectedVersion
SET r.version = r.version + 1, r.updatedAt = $now
CREATE (c:CouncilDecision {id: $id})
SET c += $props
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN c {.*} AS node
