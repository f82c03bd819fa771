// The agreements each agency is a party to, by signing day, newest first (a DataLoader batch).
MATCH (n:Agreement)
WHERE NOT n.archived AND any(x IN $ids WHERE x IN n.providerIds OR x IN n.receiverIds)
UNWIND [x IN $ids WHERE x IN n.providerIds OR x IN n.receiverIds] AS key
RETURN key, n {.*, search: null} AS node
ORDER BY coalesce(n.signedOn, n.periodFrom, n.createdAt) DESC, n.id
