// Re-parent an agency (null parent makes it a root); refuses cycles and stale versions.
// Lock first (Neo4j runs read committed): the agency, the new parent and every agency above it get a
// write before anything is read, so two moves that could close a cycle between them (A under B while
// B's ancestor X goes under A) share a lock and run one after the other, the second seeing the first.
MATCH (n:Agency {id: $id})
OPTIONAL MATCH (p:Agency {id: $parentId})
WITH n, p, CASE WHEN p IS NULL THEN [] ELSE [(p)-[:PART_OF*0..]->(up:Agency) | up] END AS above
FOREACH (x IN [n] + above | SET x._lock = true REMOVE x._lock)
WITH n, p
WHERE n.version = $expectedVersion
WITH n, p, [(n)<-[:PART_OF*0..]-(d:Agency) | d.id] AS below
WHERE $parentId IS NULL OR (p IS NOT NULL AND NOT $parentId IN below)
OPTIONAL MATCH (n)-[old:PART_OF]->(:Agency)
DELETE old
WITH DISTINCT n, p
FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | CREATE (n)-[:PART_OF]->(p))
SET n.version = n.version + 1, n.updatedAt = $now
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN n {.*, parentId: $parentId} AS node
