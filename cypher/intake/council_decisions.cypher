// Every council's decisions on the approved list, oldest first.
MATCH (c:CouncilDecision)
RETURN c {.*} AS node
ORDER BY c.at, c.id
