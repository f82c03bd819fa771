// The stakeholders each duty serves, batched by duty ids (key: the duty's id).
MATCH (d:Duty)
WHERE d.id IN $ids
MATCH (n:Stakeholder)-[:SERVED_BY]->(d)
WHERE $includeArchived OR NOT n.archived
RETURN d.id AS key, n {.*, search: null, issueIds: [(n)-[:VOICED]->(pi:Issue) | pi.id], dutyIds: [(n)-[:SERVED_BY]->(pd:Duty) | pd.id], planIds: [(n)-[:AFFECTED_BY]->(pp:CityPlan) | pp.id], workingGroupIds: [(n)-[:TAKES_PART_IN]->(pw:WorkingGroup) | pw.id], partyIds: [(n)-[:SERVED_BY]->(:Duty)<-[:HAS_DUTY]-(pa:Agency) | pa.id] + [(n)-[:VOICED]->(:Issue)<-[:RAISED]-(pb:Agency) | pb.id] + [(n)-[:VOICED]->(:Issue)-[:CONCERNS]->(pc:Agency) | pc.id] + [(n)<-[:MADE_TO]-(:Commitment)<-[:OWES]-(pe:Agency) | pe.id]} AS node
ORDER BY key, node.nameFa
