// Store a new API token by its hash only (the token itself is shown once, never stored).
CREATE (t:ApiToken {id: $id})
SET t += $props
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN t {.id, .name, .role, .agencyId, .createdAt, .revokedAt} AS node
