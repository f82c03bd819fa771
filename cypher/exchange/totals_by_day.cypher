// Exchange totals per kind and day; the service folds days into Jalali years. $viewerId (an
// agency) totals only the exchanges it gave or received. `estimated`: the estimated values of
// exchanges with no amount recorded (services, infrastructure), kept apart from the amounts.
MATCH (n:Exchange)
WHERE NOT n.archived AND n.status <> 'cancelled'
  AND ($viewerId IS NULL OR ((:Agency {id: $viewerId})-[:GAVE]->(n) OR (n)-[:TO]->(:Agency {id: $viewerId})))
RETURN n.kind AS kind, n.date AS date, count(n) AS count, sum(coalesce(n.amountRials, 0)) AS amount,
       sum(CASE WHEN n.amountRials IS NULL THEN coalesce(n.estimatedValueRials, 0) ELSE 0 END) AS estimated
