// The stakeholders that voiced each issue, batched by issue ids (key: the issue's id).
MATCH (i:Issue)
WHERE i.id IN $ids
MATCH (n:Stakeholder)-[:VOICED]->(i)
WHERE $includeArchived OR NOT n.archived
RETURN i.id AS key, n {.*, search: null, issueIds: [(n)-[:VOICED]->(pi:Issue) | pi.id], dutyIds: [(n)-[:SERVED_BY]->(pd:Duty) | pd.id], planIds: [(n)-[:AFFECTED_BY]->(pp:CityPlan) | pp.id], workingGroupIds: [(n)-[:TAKES_PART_IN]->(pw:WorkingGroup) | pw.id], partyIds: [(n)-[:SERVED_BY]->(:Duty)<-[:HAS_DUTY]-(pa:Agency) | pa.id] + [(n)-[:VOICED]->(:Issue)<-[:RAISED]-(pb:Agency) | pb.id] + [(n)-[:VOICED]->(:Issue)-[:CONCERNS]->(pc:Agency) | pc.id] + [(n)<-[:MADE_TO]-(:Commitment)<-[:OWES]-(pe:Agency) | pe.id]} AS node
ORDER BY key, node.nameFa
