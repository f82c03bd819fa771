// Webhooks by id, without their secrets.
MATCH (w:Webhook)
WHERE w.id IN $ids
RETURN w {.*, secret: null} AS node
