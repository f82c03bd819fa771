// Requests per status.
MATCH (n:Request)
WHERE NOT n.archived
RETURN n.status AS status, count(n) AS count
ORDER BY status
