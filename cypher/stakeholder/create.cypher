// Create a stakeholder with its links (issues it raised, duties that serve it, plans that affect it,
// working groups it takes part in); no row back when a linked id does not exist.
OPTIONAL MATCH (i:Issue)
WHERE i.id IN $issueIds
WITH collect(DISTINCT i) AS issues
WHERE size(issues) = size($issueIds)
OPTIONAL MATCH (d:Duty)
WHERE d.id IN $dutyIds
WITH issues, collect(DISTINCT d) AS duties
WHERE size(duties) = size($dutyIds)
OPTIONAL MATCH (p:CityPlan)
WHERE p.id IN $planIds
WITH issues, duties, collect(DISTINCT p) AS plans
WHERE size(plans) = size($planIds)
OPTIONAL MATCH (w:WorkingGroup)
WHERE w.id IN $workingGroupIds
WITH issues, duties, plans, collect(DISTINCT w) AS groups
WHERE size(groups) = size($workingGroupIds)
CREATE (n:Stakeholder {id: $id})
SET n += $props
FOREACH (x IN issues | CREATE (n)-[:VOICED]->(x))
FOREACH (x IN duties | CREATE (n)-[:SERVED_BY]->(x))
FOREACH (x IN plans | CREATE (n)-[:AFFECTED_BY]->(x))
FOREACH (x IN groups | CREATE (n)-[:TAKES_PART_IN]->(x))
FOREACH (_ IN CASE WHEN $idempotencyKey IS NULL THEN [] ELSE [1] END | CREATE (:IdempotencyKey {key: $idempotencyKey, entityId: $id, at: $now, inputHash: $inputHash}))
CREATE (ev:AuditEvent {id: $audit.id})
SET ev += $audit
WITH n
RETURN n {.*, search: null, issueIds: [(n)-[:VOICED]->(pi:Issue) | pi.id], dutyIds: [(n)-[:SERVED_BY]->(pd:Duty) | pd.id], planIds: [(n)-[:AFFECTED_BY]->(pp:CityPlan) | pp.id], workingGroupIds: [(n)-[:TAKES_PART_IN]->(pw:WorkingGroup) | pw.id], partyIds: [(n)-[:SERVED_BY]->(:Duty)<-[:HAS_DUTY]-(pa:Agency) | pa.id] + [(n)-[:VOICED]->(:Issue)<-[:RAISED]-(pb:Agency) | pb.id] + [(n)-[:VOICED]->(:Issue)-[:CONCERNS]->(pc:Agency) | pc.id] + [(n)<-[:MADE_TO]-(:Commitment)<-[:OWES]-(pe:Agency) | pe.id]} AS node
