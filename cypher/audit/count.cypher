// How many audit events the filters match.
MATCH (e:AuditEvent)
WHERE ($entityId IS NULL OR e.entityId = $entityId)
  AND ($actor IS NULL OR e.actor = $actor)
  AND ($entity IS NULL OR e.entity = $entity)
  AND ($from IS NULL OR e.at >= $from)
  AND ($to IS NULL OR e.at <= $to)
RETURN count(e) AS total
