// Exchange totals per kind and day; the service folds days into Jalali years.
MATCH (n:Exchange)
WHERE NOT n.archived AND n.status <> 'cancelled'
RETURN n.kind AS kind, n.date AS date, count(n) AS count, sum(coalesce(n.amountRials, 0)) AS amount
