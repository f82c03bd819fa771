// Webhooks, of one agency or (agencyId null) of all; never their secrets.
MATCH (w:Webhook)
WHERE $agencyId IS NULL OR w.agencyId = $agencyId
RETURN w {.*, secret: null} AS node
ORDER BY w.createdAt, w.id
