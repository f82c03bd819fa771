// Workflow steps taken in the sweep's window (at in ($since, $until]), with their request's parties.
MATCH (n:Request)-[:HAS_STEP]->(t:Transition)
WHERE t.at > $since AND t.at <= $until
OPTIONAL MATCH (s:Agency)-[:SENT]->(n)
OPTIONAL MATCH (n)-[:ADDRESSED_TO]->(r:Agency)
RETURN t.id AS stepId, t.fromStatus AS fromStatus, t.toStatus AS toStatus, t.at AS at, t.byAgencyId AS byAgencyId,
       n.id AS id, n.subject AS subject, s.id AS senderId, r.id AS receiverId
ORDER BY at, stepId
