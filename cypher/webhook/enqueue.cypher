// Queue each agency notification written after $since (and after the webhook was registered) for every
// active webhook of its agency. A delivery's id is the pair (notification, webhook) and unique, so a
// repeated or concurrent enqueue matches the one already queued and queues nothing twice.
MATCH (w:Webhook)
WHERE w.active = true
MATCH (n:Notification)
WHERE n.recipientKind = 'agency' AND n.agencyId = w.agencyId AND n.createdAt > $since AND n.createdAt >= w.createdAt
MERGE (d:WebhookDelivery {id: n.id + '.' + w.id})
ON CREATE SET d.webhookId = w.id, d.agencyId = w.agencyId, d.notificationId = n.id, d.event = n.kind,
              d.status = 'pending', d.attempts = 0, d.nextAttemptAt = $now, d.createdAt = $now, d.log = []
RETURN count(d) AS queued
