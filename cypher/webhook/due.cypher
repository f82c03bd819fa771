// Deliveries whose turn has come (pending or retrying, due by now), and claims that never reported.
MATCH (d:WebhookDelivery)
WHERE (d.status IN ['pending', 'retrying'] AND d.nextAttemptAt <= $now)
   OR (d.status = 'sending' AND d.claimedAt < $staleBefore)
RETURN d.id AS id
ORDER BY d.nextAttemptAt, d.id
LIMIT $limit
