// Exchanges per status.
MATCH (n:Exchange)
WHERE NOT n.archived
RETURN n.status AS status, count(n) AS count
ORDER BY status
