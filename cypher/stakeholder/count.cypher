// How many stakeholders the list filters match (an agency: only those it is party to).
MATCH (n:Stakeholder)
WHERE ($includeArchived OR NOT n.archived)
  AND ($type IS NULL OR n.type = $type)
  AND ($q IS NULL OR n.search CONTAINS $q)
  AND ($viewerId IS NULL OR (n)-[:SERVED_BY]->(:Duty)<-[:HAS_DUTY]-(:Agency {id: $viewerId})
       OR (n)-[:VOICED]->(:Issue)<-[:RAISED]-(:Agency {id: $viewerId})
       OR (n)-[:VOICED]->(:Issue)-[:CONCERNS]->(:Agency {id: $viewerId})
       OR (n)<-[:MADE_TO]-(:Commitment)<-[:OWES]-(:Agency {id: $viewerId}))
RETURN count(n) AS total
