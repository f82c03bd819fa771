// Every token, revoked ones included, without hashes.
MATCH (t:ApiToken)
RETURN t {.id, .name, .role, .agencyId, .createdAt, .revokedAt} AS node
ORDER BY t.createdAt, t.id
