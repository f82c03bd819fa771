// Set a plan's changed fields if the version still matches; no row back otherwise.
MATCH (n:Plan {id: $id})
// write to the node before reading its version: under Neo4j's read committed isolation this takes
// the node's write lock first, so a concurrent writer's committed version is what WHERE sees
SET n._lock = true
REMOVE n._lock
WITH n
WHERE n.version = $expectedVersion
SET n += $props, n.version = n.version + 1, n.updatedAt = $now
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, search: null} AS node
