// Coordination plans, newest first; $status keeps one status (null: all).
MATCH (n:Plan)
WHERE ($includeArchived OR NOT n.archived)
  AND ($status IS NULL OR n.status = $status)
RETURN n {.*, search: null} AS node
ORDER BY n.fromYear DESC, n.createdAt DESC, n.id
