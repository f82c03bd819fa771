// Commitments still open past their due date ($today, ISO), oldest due first: for the notifier (the
// owing agency's inbox) in the shape of plan/actions_late. Rows: commitmentId, stakeholderId, textFa,
// dueDate, ownerId.
MATCH (a:Agency)-[:OWES]->(c:Commitment)-[:MADE_TO]->(s:Stakeholder)
WHERE c.status = 'open' AND c.dueDate < $today AND NOT coalesce(s.archived, false)
RETURN c.id AS commitmentId, s.id AS stakeholderId, c.textFa AS textFa, c.dueDate AS dueDate, a.id AS ownerId
ORDER BY dueDate, commitmentId
