// Add a label (a synonym) to a thesaurus concept, or a new concept under a broader one; audited.
MERGE (t:VocabularyTerm {id: $id})
SET t += $props
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN t {.*} AS node
