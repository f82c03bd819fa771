// Re-parent an agency (null parent makes it a root); refuses cycles and stale versions.
MATCH (n:Agency {id: $id})
WHERE n.version = $expectedVersion
OPTIONAL MATCH (p:Agency {id: $parentId})
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
