// Coordination plans by id (their headers: every signed-in reader may read them).
MATCH (n:Plan)
WHERE n.id IN $ids
RETURN n {.*, search: null} AS node
