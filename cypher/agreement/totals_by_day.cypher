// Concluded agreements (every party signed, whatever happened after) per kind and signing day;
// the service folds days into Jalali years. $viewerId (an agency) counts only its own.
MATCH (n:Agreement)
WHERE NOT n.archived AND n.signedOn IS NOT NULL
  AND ($viewerId IS NULL OR $viewerId IN n.providerIds OR $viewerId IN n.receiverIds)
RETURN n.kind AS kind, n.signedOn AS date, count(n) AS count, sum(coalesce(n.valueRials, 0)) AS amount
