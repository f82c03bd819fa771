// Agreements per status; $viewerId (an agency) counts only those it is a party to.
MATCH (n:Agreement)
WHERE NOT n.archived
  AND ($viewerId IS NULL OR $viewerId IN n.providerIds OR $viewerId IN n.receiverIds)
RETURN n.status AS status, count(n) AS count
ORDER BY status
