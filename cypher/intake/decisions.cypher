// Committee decisions on issue-cluster proposals, oldest first; an agency viewer gets only those on
// issues it raised or is concerned by (its id among the decision's parties).
MATCH (d:IntakeDecision)
WHERE ($viewerId IS NULL OR $viewerId IN d.partyIds)
  AND ($keys IS NULL OR d.proposalKey IN $keys)
  AND ($issueIds IS NULL OR any(i IN d.memberIds WHERE i IN $issueIds))
RETURN d {.*} AS node
ORDER BY d.at, d.id
