// Audit events, newest first, by entity, actor and time range.
MATCH (e:AuditEvent)
WHERE ($entityId IS NULL OR e.entityId = $entityId)
  AND ($actor IS NULL OR e.actor = $actor)
  AND ($entity IS NULL OR e.entity = $entity)
  AND ($from IS NULL OR e.at >= $from)
  AND ($to IS NULL OR e.at <= $to)
WITH e
ORDER BY e.at DESC, e.id DESC
SKIP $skip LIMIT $limit
RETURN e {.*} AS node
