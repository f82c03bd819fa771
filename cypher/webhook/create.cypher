// Register an agency's webhook (its secret is kept to sign deliveries and never read back), audited.
MATCH (a:Agency {id: $agencyId})
CREATE (w:Webhook {id: $id})
SET w += $props, w.agencyId = a.id
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN w {.*, secret: null} AS node
