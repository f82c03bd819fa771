// Revoke a token; it stops working at once. The lock is taken before revokedAt is read (Neo4j runs
// read committed), so two revokes at once make one revocation and one audit event.
MATCH (t:ApiToken {id: $id})
SET t._lock = true
REMOVE t._lock
WITH t
WHERE t.revokedAt IS NULL
SET t.revokedAt = $now
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN t {.id, .name, .role, .agencyId, .createdAt, .revokedAt} AS node
