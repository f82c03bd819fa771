// Claim one delivery for one attempt: the node is written first (Neo4j's write lock), then its status
// read, so of two sweeps exactly one gets the row back and posts. With it come the webhook (its secret
// signs the body) and the notification it carries.
MATCH (d:WebhookDelivery {id: $id})
SET d._lock = true
REMOVE d._lock
WITH d
WHERE (d.status IN ['pending', 'retrying'] AND d.nextAttemptAt <= $now)
   OR (d.status = 'sending' AND d.claimedAt < $staleBefore)
SET d.status = 'sending', d.claimedAt = $now, d.claimedBy = $claimId, d.attempts = d.attempts + 1
WITH d
MATCH (w:Webhook {id: d.webhookId})
MATCH (n:Notification {id: d.notificationId})
RETURN d {.*} AS delivery, w {.*} AS webhook, n {.*} AS notification
