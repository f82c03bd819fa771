// What an idempotency key created the first time (a retried create returns it).
MATCH (k:IdempotencyKey {key: $key})
RETURN k.entityId AS entityId, k.at AS at
