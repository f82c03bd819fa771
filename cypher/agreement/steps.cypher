// The orders, deliveries and payments under each agreement, in the order they happened (a batch).
MATCH (n:Agreement)<-[:UNDER]-(s:AgreementStep)
WHERE n.id IN $ids
RETURN n.id AS key, s {.*} AS node
ORDER BY s.on, s.at, s.id
