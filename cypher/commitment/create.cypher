// Record a commitment made to a stakeholder, owed by an agency, with its first step (open) in its
// history; no row back when the stakeholder or the agency does not exist.
MATCH (s:Stakeholder {id: $stakeholderId})
MATCH (a:Agency {id: $ownerId})
CREATE (c:Commitment {id: $id})
SET c += $props
CREATE (a)-[:OWES]->(c)-[:MADE_TO]->(s)
CREATE (st:CommitmentStep {id: $id + '-s0'})
SET st.status = c.status, st.at = $now, st.actor = $audit.actor, st.role = $audit.role, st.agencyId = $audit.agencyId
CREATE (c)-[:HAS_STEP]->(st)
FOREACH (_ IN CASE WHEN $idempotencyKey IS NULL THEN [] ELSE [1] END | CREATE (:IdempotencyKey {key: $idempotencyKey, entityId: $id, at: $now, inputHash: $inputHash}))
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
RETURN c {.*, search: null, stakeholderId: s.id, ownerId: a.id} AS node
