// What an idempotency key created the first time, and a hash of the input it was given (a retry
// with the same input returns that record; one with another input is refused).
MATCH (k:IdempotencyKey {key: $key})
RETURN k.entityId AS entityId, k.at AS at, k.inputHash AS inputHash
