// Every club with the agency that runs it and its desks in order.
MATCH (c:Club)
OPTIONAL MATCH (a:Agency)-[:RUNS]->(c)
OPTIONAL MATCH (c)-[:HAS_DESK]->(k:ClubDesk)
WITH c, a, k
ORDER BY c.id, k.position
RETURN c {.*, agencyId: a.id} AS club, collect(k {.*}) AS desks
