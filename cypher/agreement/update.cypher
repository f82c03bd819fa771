// Change a draft's terms if its version and status still match; no row back otherwise.
MATCH (n:Agreement {id: $id})
// write to the node before reading its version: under Neo4j's read committed isolation this takes
// the node's write lock first, so a concurrent writer's committed version is what WHERE sees
SET n._lock = true
REMOVE n._lock
WITH n
WHERE n.version = $expectedVersion AND n.status = $fromStatus
SET n += $props, n.version = n.version + 1, n.updatedAt = $now
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, search: null} AS node
