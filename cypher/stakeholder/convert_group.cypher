// Convert a legacy pseudo-agency of kind stakeholder_group into a Stakeholder: the issues it raised
// become issues the stakeholder voiced (the issue keeps its raiser, so nothing is lost), its working-group
// seats become TAKES_PART_IN links, and the pseudo-agency is archived (never deleted) with a pointer to
// the stakeholder; audited in the same statement. The agency's lock is taken first; no row back when it
// is no live stakeholder group (already converted, archived, or another kind).
MATCH (a:Agency {id: $agencyId})
SET a._lock = true
REMOVE a._lock
WITH a
WHERE a.kind = 'stakeholder_group' AND NOT coalesce(a.archived, false)
CREATE (n:Stakeholder {id: $id})
SET n += $props
SET a.archived = true, a.archivedAt = $now, a.convertedTo = $id, a.version = coalesce(a.version, 0) + 1, a.updatedAt = $now
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
WITH a, n
OPTIONAL MATCH (a)-[:RAISED]->(i:Issue)
WITH a, n, collect(i) AS issues
FOREACH (x IN issues | MERGE (n)-[:VOICED]->(x))
WITH a, n
OPTIONAL MATCH (a)-[seat:MEMBER_OF]->(w:WorkingGroup)
WITH a, n, collect(w) AS groups, collect(seat) AS seats
FOREACH (x IN groups | MERGE (n)-[:TAKES_PART_IN]->(x))
FOREACH (x IN seats | DELETE x)
WITH n
RETURN n {.*, search: null, issueIds: [(n)-[:VOICED]->(pi:Issue) | pi.id], dutyIds: [(n)-[:SERVED_BY]->(pd:Duty) | pd.id], planIds: [(n)-[:AFFECTED_BY]->(pp:CityPlan) | pp.id], workingGroupIds: [(n)-[:TAKES_PART_IN]->(pw:WorkingGroup) | pw.id], partyIds: [(n)-[:SERVED_BY]->(:Duty)<-[:HAS_DUTY]-(pa:Agency) | pa.id] + [(n)-[:VOICED]->(:Issue)<-[:RAISED]-(pb:Agency) | pb.id] + [(n)-[:VOICED]->(:Issue)-[:CONCERNS]->(pc:Agency) | pc.id] + [(n)<-[:MADE_TO]-(:Commitment)<-[:OWES]-(pe:Agency) | pe.id]} AS node
