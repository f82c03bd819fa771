// One page of stakeholders, by type and text; an agency (viewerId) sees only those it is party to.
MATCH (n:Stakeholder)
WHERE ($includeArchived OR NOT n.archived)
  AND ($type IS NULL OR n.type = $type)
  AND ($q IS NULL OR n.search CONTAINS $q)
  AND ($viewerId IS NULL OR (n)-[:SERVED_BY]->(:Duty)<-[:HAS_DUTY]-(:Agency {id: $viewerId})
       OR (n)-[:VOICED]->(:Issue)<-[:RAISED]-(:Agency {id: $viewerId})
       OR (n)-[:VOICED]->(:Issue)-[:CONCERNS]->(:Agency {id: $viewerId})
       OR (n)<-[:MADE_TO]-(:Commitment)<-[:OWES]-(:Agency {id: $viewerId}))
WITH n, CASE $sort WHEN 'name' THEN n.nameFa WHEN 'power' THEN toString(n.power) WHEN 'interest' THEN toString(n.interest) ELSE n.createdAt END AS k
ORDER BY CASE WHEN $desc THEN k END DESC, CASE WHEN NOT $desc THEN k END ASC, n.id
SKIP $skip LIMIT $limit
RETURN n {.*, search: null, issueIds: [(n)-[:VOICED]->(pi:Issue) | pi.id], dutyIds: [(n)-[:SERVED_BY]->(pd:Duty) | pd.id], planIds: [(n)-[:AFFECTED_BY]->(pp:CityPlan) | pp.id], workingGroupIds: [(n)-[:TAKES_PART_IN]->(pw:WorkingGroup) | pw.id], partyIds: [(n)-[:SERVED_BY]->(:Duty)<-[:HAS_DUTY]-(pa:Agency) | pa.id] + [(n)-[:VOICED]->(:Issue)<-[:RAISED]-(pb:Agency) | pb.id] + [(n)-[:VOICED]->(:Issue)-[:CONCERNS]->(pc:Agency) | pc.id] + [(n)<-[:MADE_TO]-(:Commitment)<-[:OWES]-(pe:Agency) | pe.id]} AS node
