// Replace a stakeholder's links of each kind given (a null list leaves that kind as it is), guarded
// by its version after its write lock is taken; no row back when the version moved on.
MATCH (n:Stakeholder {id: $id})
SET n._lock = true
REMOVE n._lock
WITH n
WHERE n.version = $expectedVersion
SET n.version = n.version + 1, n.updatedAt = $now
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
WITH n
OPTIONAL MATCH (n)-[r1:VOICED]->(x1:Issue)
WHERE $issueIds IS NOT NULL AND NOT x1.id IN $issueIds
WITH n, collect(r1) AS drop1
FOREACH (r IN drop1 | DELETE r)
WITH n
OPTIONAL MATCH (n)-[r2:SERVED_BY]->(x2:Duty)
WHERE $dutyIds IS NOT NULL AND NOT x2.id IN $dutyIds
WITH n, collect(r2) AS drop2
FOREACH (r IN drop2 | DELETE r)
WITH n
OPTIONAL MATCH (n)-[r3:AFFECTED_BY]->(x3:CityPlan)
WHERE $planIds IS NOT NULL AND NOT x3.id IN $planIds
WITH n, collect(r3) AS drop3
FOREACH (r IN drop3 | DELETE r)
WITH n
OPTIONAL MATCH (n)-[r4:TAKES_PART_IN]->(x4:WorkingGroup)
WHERE $workingGroupIds IS NOT NULL AND NOT x4.id IN $workingGroupIds
WITH n, collect(r4) AS drop4
FOREACH (r IN drop4 | DELETE r)
WITH n
OPTIONAL MATCH (i:Issue)
WHERE i.id IN coalesce($issueIds, [])
WITH n, collect(i) AS issues
FOREACH (x IN issues | MERGE (n)-[:VOICED]->(x))
WITH n
OPTIONAL MATCH (d:Duty)
WHERE d.id IN coalesce($dutyIds, [])
WITH n, collect(d) AS duties
FOREACH (x IN duties | MERGE (n)-[:SERVED_BY]->(x))
WITH n
OPTIONAL MATCH (p:CityPlan)
WHERE p.id IN coalesce($planIds, [])
WITH n, collect(p) AS plans
FOREACH (x IN plans | MERGE (n)-[:AFFECTED_BY]->(x))
WITH n
OPTIONAL MATCH (w:WorkingGroup)
WHERE w.id IN coalesce($workingGroupIds, [])
WITH n, collect(w) AS groups
FOREACH (x IN groups | MERGE (n)-[:TAKES_PART_IN]->(x))
WITH n
RETURN n {.*, search: null, issueIds: [(n)-[:VOICED]->(pi:Issue) | pi.id], dutyIds: [(n)-[:SERVED_BY]->(pd:Duty) | pd.id], planIds: [(n)-[:AFFECTED_BY]->(pp:CityPlan) | pp.id], workingGroupIds: [(n)-[:TAKES_PART_IN]->(pw:WorkingGroup) | pw.id], partyIds: [(n)-[:SERVED_BY]->(:Duty)<-[:HAS_DUTY]-(pa:Agency) | pa.id] + [(n)-[:VOICED]->(:Issue)<-[:RAISED]-(pb:Agency) | pb.id] + [(n)-[:VOICED]->(:Issue)-[:CONCERNS]->(pc:Agency) | pc.id] + [(n)<-[:MADE_TO]-(:Commitment)<-[:OWES]-(pe:Agency) | pe.id]} AS node
