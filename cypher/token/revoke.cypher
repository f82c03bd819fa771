// Revoke a token; it stops working at once.
MATCH (t:ApiToken {id: $id})
WHERE t.revokedAt IS NULL
SET t.revokedAt = $now
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN t {.id, .name, .role, .agencyId, .createdAt, .revokedAt} AS node
