// The live token with this hash, if any (every authenticated request asks).
MATCH (t:ApiToken {hash: $hash})
WHERE t.revokedAt IS NULL
RETURN t {.id, .name, .role, .agencyId} AS node
