// Stop a webhook: queued deliveries to it are cancelled when their turn comes; audited.
MATCH (w:Webhook {id: $id})
SET w.active = false, w.deactivatedAt = $now
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN w {.*, secret: null} AS node
