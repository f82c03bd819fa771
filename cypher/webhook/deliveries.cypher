// The delivery log of one webhook, newest first.
MATCH (d:WebhookDelivery)
WHERE d.webhookId = $webhookId
RETURN d {.*} AS node
ORDER BY d.createdAt DESC, d.id
SKIP $skip
LIMIT $limit
