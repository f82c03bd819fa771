// Issues per status, for the directorate's dashboard.
MATCH (n:Issue)
WHERE NOT n.archived
RETURN n.status AS status, count(n) AS count
ORDER BY status
