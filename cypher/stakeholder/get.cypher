// Stakeholders by id (a DataLoader batch), with their links and the agencies party to them
// (partyIds: holders of the duties that serve it, parties to the issues it raised, owners of
// commitments made to it), which the access policy reads.
MATCH (n:Stakeholder)
WHERE n.id IN $ids
RETURN n {.*, search: null, issueIds: [(n)-[:VOICED]->(pi:Issue) | pi.id], dutyIds: [(n)-[:SERVED_BY]->(pd:Duty) | pd.id], planIds: [(n)-[:AFFECTED_BY]->(pp:CityPlan) | pp.id], workingGroupIds: [(n)-[:TAKES_PART_IN]->(pw:WorkingGroup) | pw.id], partyIds: [(n)-[:SERVED_BY]->(:Duty)<-[:HAS_DUTY]-(pa:Agency) | pa.id] + [(n)-[:VOICED]->(:Issue)<-[:RAISED]-(pb:Agency) | pb.id] + [(n)-[:VOICED]->(:Issue)-[:CONCERNS]->(pc:Agency) | pc.id] + [(n)<-[:MADE_TO]-(:Commitment)<-[:OWES]-(pe:Agency) | pe.id]} AS node
