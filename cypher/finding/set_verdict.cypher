// Record the directorate's verdict on a finding; the fingerprint ties it to the records' versions.
MERGE (f:Finding {id: $id})
SET f += $props
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN f {.*} AS node
