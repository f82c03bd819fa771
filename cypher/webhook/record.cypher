// Record one attempt of a claimed delivery (delivered, retrying with its next time, failed, cancelled)
// and add a line to its log; only the claimant may.
MATCH (d:WebhookDelivery {id: $id})
SET d._lock = true
REMOVE d._lock
WITH d
WHERE d.claimedBy = $claimId  // read after the write lock: a claim taken over meanwhile is not overwritten
SET d.status = $status, d.nextAttemptAt = $nextAttemptAt, d.lastAttemptAt = $now, d.lastStatusCode = $statusCode,
    d.lastError = $error, d.deliveredAt = $deliveredAt, d.log = coalesce(d.log, []) + [$logLine]
RETURN d {.*} AS node
